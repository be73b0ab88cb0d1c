// MathJax 2.7 settings for the course website (copied to mathjax/config/glassbox.js by tools/site.py):
// the jupyter-server-mathjax package ships the STIX-Web fonts only, so use them and never look for
// TeX fonts, locally installed fonts or image fonts.
MathJax.Hub.Config({
  "HTML-CSS": { availableFonts: [], preferredFont: null, webFont: "STIX-Web", imageFont: null }
});
MathJax.Ajax.loadComplete("[MathJax]/config/glassbox.js");
