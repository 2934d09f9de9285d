// Gap: wagtail-localize's translation editor writes two things in English, whatever the admin's
// language: its title ("简体中文 to English translation", a template literal in its bundle, not
// gettext) and its dates ("Translated manually on 1 December 2026": strftime's English month
// names). This replaces both with the admin's words (the page's Django JavaScript catalogue) and
// the admin's date format. Delete when wagtail-localize translates them (not as of 1.14).
(function () {
  "use strict";
  var root = document.querySelector(".js-translation-editor");
  if (!root || typeof window.gettext !== "function" || typeof window.interpolate !== "function") {
    return;
  }
  var title = /^(.+) to (.+) translation$/;
  var words = window.gettext("%(source)s to %(target)s translation");
  var months = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var englishDate = new RegExp("\\b(\\d{1,2}) (" + months.join("|") + ") (\\d{4})\\b", "g");
  var language = document.documentElement.lang || "en";
  var dateFormat = new Intl.DateTimeFormat(language, { year: "numeric", month: "long", day: "numeric" });
  function localDate(match, day, month, year) {
    return dateFormat.format(new Date(Number(year), months.indexOf(month), Number(day)));
  }
  function translateTexts() {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      var node = walker.currentNode;
      var text = node.textContent;
      var match = title.exec(text.trim());
      if (match) {
        text = window.interpolate(words, { source: match[1], target: match[2] }, true);
      }
      if (!language.startsWith("en")) {
        text = text.replace(englishDate, localDate);
      }
      if (text !== node.textContent) {
        node.textContent = text;
      }
    }
  }
  new MutationObserver(translateTexts).observe(root, { childList: true, subtree: true, characterData: true });
  translateTexts();
})();
