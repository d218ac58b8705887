// Keyboard shortcuts and evidence highlighting of the review UI. No inline script anywhere
// (the Content-Security-Policy forbids it): everything is bound here by event delegation,
// so it keeps working after htmx swaps the page body.
(function () {
  "use strict";

  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" ||
                  el.tagName === "SELECT" || el.isContentEditable);
  }

  function needsLook() {
    return Array.from(document.querySelectorAll(
      'form.field input[data-state="needs_look"], form.field input[data-state="failed"]'));
  }

  function highlight(name) {
    document.querySelectorAll(".focus").forEach(function (el) { el.classList.remove("focus"); });
    var box = document.getElementById("box-" + name);
    var form = document.getElementById("field-" + name);
    if (box) { box.classList.add("focus"); box.scrollIntoView({block: "center", behavior: "smooth"}); }
    if (form) { form.classList.add("focus"); }
  }

  function submit(id) {
    var form = document.getElementById(id);
    if (form) { form.requestSubmit(); }
  }

  function go(attr) {
    var head = document.querySelector(".contract-head");
    var url = head && head.getAttribute(attr);
    if (url) { window.location.assign(url); }
  }

  document.addEventListener("keydown", function (event) {
    var el = document.activeElement;
    if (event.key === "Tab" && !event.altKey && !event.ctrlKey && !event.metaKey) {
      var list = needsLook();
      var inField = el && el.closest && el.closest("form.field");
      if (list.length && (inField || !typing(el))) {
        var at = list.indexOf(el);
        var next = event.shiftKey ? (at <= 0 ? list.length - 1 : at - 1)
                                  : (at + 1) % list.length;
        event.preventDefault();
        list[next].focus();
        list[next].select();
      }
      return;
    }
    if (event.key === "Escape" && typing(el)) { el.blur(); return; }
    if (typing(el) || event.ctrlKey || event.metaKey || event.altKey) { return; }
    switch (event.key) {
      case "?": event.preventDefault(); toggleHelp(); break;
      case "a": event.preventDefault(); submit("accept-form"); break;
      case "p": event.preventDefault(); submit("postpone-form"); break;
      case "r":
        event.preventDefault();
        var reason = document.getElementById("refuse-reason");
        if (reason) { reason.focus(); }
        break;
      case "j": event.preventDefault(); go("data-next"); break;
      case "k": event.preventDefault(); go("data-prev"); break;
      default: break;
    }
  });

  function toggleHelp() {
    var dialog = document.getElementById("shortcuts");
    if (!dialog) { return; }
    if (dialog.open) { dialog.close(); } else { dialog.showModal(); }
  }

  document.addEventListener("focusin", function (event) {
    var form = event.target.closest && event.target.closest("form.field");
    if (form) { highlight(form.dataset.field); }
  });

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target.closest && target.closest("[data-help]")) { toggleHelp(); return; }
    var box = target.closest && target.closest(".boxes [data-field], .doctext [data-field]");
    if (box) {
      var input = document.getElementById("in-" + box.dataset.field);
      if (input) { input.focus(); input.select(); }
    }
  });
})();
