import Foundation

/// The home page's filter, in place: the list is complete without it, and the script only hides
/// what does not match. Accents and đ are folded so that "ho ngheo" finds "hộ nghèo".
enum PortalScript {
    static let source = #"""
    (function () {
      var form = document.getElementById("filter");
      var list = document.getElementById("datasets");
      if (!form || !list) { return; }
      var items = Array.prototype.slice.call(list.children);
      var status = document.getElementById("filter-status");
      function fold(text) {
        return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
      }
      function has(list, value) { return (" " + list + " ").indexOf(" " + value + " ") >= 0; }
      function apply() {
        var words = fold(form.elements.q.value).split(/\s+/).filter(Boolean);
        var theme = form.elements.theme.value, unit = form.elements.unit.value, shown = 0;
        items.forEach(function (item) {
          var text = fold(item.getAttribute("data-text"));
          var match = words.every(function (word) { return text.indexOf(word) >= 0; })
            && (!theme || has(item.getAttribute("data-themes"), theme))
            && (!unit || has(item.getAttribute("data-units"), unit));
          item.hidden = !match;
          if (match) { shown += 1; }
        });
        status.textContent = status.getAttribute("data-template").replace("{shown}", shown).replace("{total}", items.length);
      }
      form.hidden = false;
      form.addEventListener("input", apply);
      form.addEventListener("change", apply);
      form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    })();
    """#

    /// `sha256-<base64>` of the script's UTF-8, as a content security policy names it.
    static let hash: String = {
        var digest = SHA256()
        digest.update(Array(source.utf8))
        return "sha256-" + Data(digest.finalize()).base64EncodedString()
    }()
}
