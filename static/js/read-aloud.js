/* "Lire à voix haute": reads a part of the page with the browser's speech synthesis.
   The buttons stay hidden unless JavaScript and speechSynthesis are both available. */
(function () {
  "use strict";
  if (!("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance !== "function") return;
  var synth = window.speechSynthesis;
  var BLOCKS = /^(P|LI|H1|H2|H3|H4|LEGEND|LABEL|DT|DD|TH|TD|CAPTION|DIV|SECTION|FIELDSET|UL|OL)$/;
  var SKIP = /^(BUTTON|SCRIPT|STYLE|INPUT|SELECT|TEXTAREA|NOSCRIPT)$/;
  var speaking = null;

  function readable(node) {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent;
    if (node.nodeType !== Node.ELEMENT_NODE || SKIP.test(node.tagName) || node.hidden ||
        node.getAttribute("aria-hidden") === "true") return "";
    var text = "";
    node.childNodes.forEach(function (child) { text += readable(child); });
    text = text.replace(/\s+/g, " ").trim();
    if (text && BLOCKS.test(node.tagName)) text += /[.?!:;]$/.test(text) ? " " : ". ";
    return text;
  }

  function frenchVoice() {
    var voices = synth.getVoices ? synth.getVoices() : [];
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang && voices[i].lang.toLowerCase().indexOf("fr") === 0) return voices[i];
    }
    return null;
  }

  function stop() {
    synth.cancel();
    if (speaking) speaking.setAttribute("aria-pressed", "false");
    speaking = null;
  }

  document.querySelectorAll("[data-read-aloud]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-read-aloud"));
    if (!target) return;
    button.hidden = false;
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () {
      var wasThis = speaking === button;
      stop();
      if (wasThis) return;
      var utterance = new window.SpeechSynthesisUtterance(readable(target).trim());
      utterance.lang = "fr-FR";
      var voice = frenchVoice();
      if (voice) utterance.voice = voice;
      utterance.onend = function () {
        if (speaking === button) stop();
      };
      speaking = button;
      button.setAttribute("aria-pressed", "true");
      synth.speak(utterance);
    });
  });
})();
