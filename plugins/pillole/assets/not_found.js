/* Pillole's 404 page: point the page at the site's root, wherever the server shows it.
 *
 * A web server shows 404.html for any address that does not exist, at that address
 * (/pillole/pillole/vecchia-pillola/index.html), so the page's links, written as if it sat at
 * the site's root, would lead nowhere. This script runs first in <head>, before any link or
 * stylesheet is read, and adds <base href="<root>">:
 * - the root is site_url's path when the site has one;
 * - else it is read off the address: what comes before the last of the site's own top folders
 *   (pillole, tag, persone, ...) that has more path after it; with none, the address's folder.
 * Opened as 404.html itself (from the server or from file://) its links are right already.
 * The build writes `PilloleNotFound = {root, folders}` in front of this script (not_found.py). */
(function (settings) {
  "use strict";
  var path = location.pathname;
  if (location.protocol === "file:" || /\/404\.html$/.test(path)) return;
  var root = settings.root;
  if (!root) {
    var parts = path.split("/");  // "", "pillole", "tag", "vecchio.html"
    var at = -1;
    for (var i = 1; i < parts.length - 1; i++) {
      if (settings.folders.indexOf(parts[i]) >= 0) at = i;
    }
    root = (at > 0 ? parts.slice(0, at) : parts.slice(0, -1)).join("/") + "/";
  }
  var base = document.createElement("base");
  base.href = root;
  document.head.appendChild(base);
})(window.PilloleNotFound);
