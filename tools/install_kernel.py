"""Points the "java" kernelspec of this Python environment at the Glassbox GPT jar.

The jjava wheel installs its kernelspec into <venv>/share/jupyter/kernels/java. We rewrite that
kernel.json in place (never anything under the user's home) so that every kernel started from
this environment -- JupyterLab, the headless runner, Binder -- gets:
  JJAVA_CLASSPATH     target/glassbox-gpt.jar and target/lib/* (JJava expands the glob)
  JJAVA_JVM_OPTS      the Vector API module for the matmul kernel, the heap limit, headless AWT
Running it again is harmless; it is how the heap or the repository path are changed.
"""
import argparse
import json
import os
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", required=True, help="repository root (holds target/)")
    parser.add_argument("--heap", default="768m", help="kernel heap, as for -Xmx (default 768m)")
    args = parser.parse_args()

    root = Path(args.root).resolve()
    spec_dir = Path(sys.prefix) / "share" / "jupyter" / "kernels" / "java"
    kernel_json = spec_dir / "kernel.json"
    if not (spec_dir / "jjava.jar").is_file() or not kernel_json.is_file():
        print(f"install_kernel: no JJava kernelspec in {spec_dir}; "
              f"install it with: pip install -r tools/requirements.txt", file=sys.stderr)
        return 1
    jar = root / "target" / "glassbox-gpt.jar"
    if not jar.is_file():
        print(f"install_kernel: {jar} is missing; build it with: mvn package -DskipTests",
              file=sys.stderr)
        return 1

    spec = json.loads(kernel_json.read_text(encoding="utf-8"))
    spec["display_name"] = "Java (Glassbox GPT)"
    env = {
        "JJAVA_CLASSPATH": os.pathsep.join([str(jar), str(root / "target" / "lib" / "*")]),
        # JJava's launcher splits these on spaces: no paths here.
        "JJAVA_JVM_OPTS": f"--add-modules jdk.incubator.vector -Xmx{args.heap} "
                          f"-Djava.awt.headless=true",
        "GLASSBOX_HOME": str(root),
    }
    spec["env"] = env
    kernel_json.write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
    print(f"install_kernel: kernel 'java' -> {jar.name} + target/lib, heap {args.heap} ({kernel_json})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
