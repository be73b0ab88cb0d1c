"""Reads Surefire's XML reports; exits 1 when any test failed or errored, or none ran."""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

reports = sorted(Path(sys.argv[1] if len(sys.argv) > 1 else "target/surefire-reports").glob("TEST-*.xml"))
tests = failures = errors = skipped = 0
for report in reports:
    suite = ET.parse(report).getroot()
    tests += int(suite.get("tests", 0))
    failures += int(suite.get("failures", 0))
    errors += int(suite.get("errors", 0))
    skipped += int(suite.get("skipped", 0))
print(f"JUnit: {tests} tests, {failures} failures, {errors} errors, {skipped} skipped "
      f"in {len(reports)} classes")
sys.exit(0 if tests > 0 and failures == 0 and errors == 0 else 1)
