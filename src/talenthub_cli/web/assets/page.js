// The in-page search and filters of an exported catalogue. Without this script every material
// is listed and the form stays hidden. Words are folded as talenthub folds them (core/text.py):
// the tables come from the Python that wrote the page.
(function () {
  "use strict";
  var form = document.getElementById("find-form");
  var tables = document.getElementById("fold-tables");
  if (!form || !tables) {
    return;
  }
  var data = JSON.parse(tables.textContent);
  var casefold = data.casefold;
  var letters = data.letters;
  var marks = data.marks;
  var FACETS = ["type", "year", "organisation", "contact", "availability"];
  var items = Array.prototype.slice.call(document.querySelectorAll("li.material"));
  var count = document.getElementById("find-count");
  var none = document.getElementById("none-found");
  var query = form.elements.namedItem("q");

  function isMark(code) {
    var low = 0;
    var high = marks.length - 1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (code < marks[middle][0]) {
        high = middle - 1;
      } else if (code > marks[middle][1]) {
        low = middle + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  // core.text.fold: lower case without accents.
  function fold(text) {
    if (/^[\x00-\x7f]*$/.test(text)) {
      return text.toLowerCase();
    }
    var cased = "";
    for (var char of text.normalize("NFKD")) {
      cased += Object.prototype.hasOwnProperty.call(casefold, char) ? casefold[char] : char.toLowerCase();
    }
    var folded = "";
    for (var one of cased.normalize("NFKD")) {
      var plain = Object.prototype.hasOwnProperty.call(letters, one) ? letters[one] : one;
      for (var part of plain) {
        if (!isMark(part.codePointAt(0))) {
          folded += part;
        }
      }
    }
    return folded;
  }

  // core.search.words: the folded words of a text, split as the index splits them.
  function words(text) {
    return fold(text).match(/[\p{L}\p{N}]+/gu) || [];
  }
  window.talenthubWords = words;

  function state() {
    var found = { q: query.value };
    FACETS.forEach(function (facet) {
      found[facet] = form.elements.namedItem(facet).value;
    });
    return found;
  }

  function apply() {
    var chosen = state();
    var wanted = words(chosen.q);
    var shown = 0;
    items.forEach(function (item) {
      var text = " " + item.getAttribute("data-words");
      var fits = wanted.every(function (word) {
        return text.indexOf(" " + word) !== -1;
      });
      fits = fits && FACETS.every(function (facet) {
        var value = chosen[facet];
        return !value || (" " + item.getAttribute("data-" + facet) + " ").indexOf(" " + value + " ") !== -1;
      });
      item.hidden = !fits;
      shown += fits ? 1 : 0;
    });
    var total = items.length;
    var noun = total === 1 ? " material" : " materials";
    count.textContent = shown === total ? total + noun : shown + " of " + total + noun;
    none.hidden = shown !== 0;
  }

  function remember() {
    var chosen = state();
    var parts = [];
    Object.keys(chosen).forEach(function (key) {
      if (chosen[key]) {
        parts.push(encodeURIComponent(key) + "=" + encodeURIComponent(chosen[key]));
      }
    });
    var url = location.href.split("#")[0] + (parts.length ? "#" + parts.join("&") : "");
    history.replaceState(null, "", url);
  }

  // A fragment with "=" is a view (#q=nomad&type=survey); any other names a record.
  function recall() {
    var fragment = location.hash.slice(1);
    if (fragment.indexOf("=") === -1) {
      return false;
    }
    var given = {};
    fragment.split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at > 0) {
        try {
          given[decodeURIComponent(pair.slice(0, at))] = decodeURIComponent(pair.slice(at + 1).replace(/\+/g, " "));
        } catch (error) {
          // a malformed escape: leave that part out
        }
      }
    });
    query.value = given.q || "";
    FACETS.forEach(function (facet) {
      var select = form.elements.namedItem(facet);
      var value = given[facet] || "";
      select.value = value;
      if (select.value !== value) {
        select.value = "";
      }
    });
    return true;
  }

  form.hidden = false;
  form.addEventListener("input", function () {
    apply();
    remember();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () {
      apply();
      remember();
    }, 0);
  });
  document.getElementById("clear-link").addEventListener("click", function (event) {
    event.preventDefault();
    form.reset();
    query.focus();
  });
  window.addEventListener("hashchange", function () {
    if (recall()) {
      apply();
    }
  });
  recall();
  apply();
}());
