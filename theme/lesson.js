// Instructor view: a button in the top bar shows or hides instructor notes.
// The choice is remembered; `?instructor` (or `?instructor=0`) in the address
// switches it on (off) too, handy for sharing a link with co-instructors.
(function () {
  "use strict";
  var KEY = "course-instructor-view";
  var root = document.documentElement;
  var params = new URLSearchParams(window.location.search);
  var stored = null;
  try { stored = window.localStorage.getItem(KEY); } catch (e) { /* private mode */ }
  var on = stored === "on";
  if (params.has("instructor")) {
    on = params.get("instructor") !== "0";
  }

  function apply(state) {
    on = state;
    root.classList.toggle("instructor-view", on);
    try { window.localStorage.setItem(KEY, on ? "on" : "off"); } catch (e) { /* ignore */ }
    var button = document.getElementById("instructor-toggle");
    if (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.title = on ? "Hide instructor notes" : "Show instructor notes";
    }
  }

  function addButton() {
    var bar = document.querySelector("#mdbook-menu-bar .right-buttons, #menu-bar .right-buttons, .menu-bar .right-buttons");
    if (!bar || document.getElementById("instructor-toggle")) return;
    var button = document.createElement("button");
    button.id = "instructor-toggle";
    button.type = "button";
    button.className = "icon-button";
    button.setAttribute("aria-label", "Instructor view");
    // A lectern: the instructor's view.
    button.innerHTML = '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true">' +
      '<rect x="3" y="3" width="18" height="12" rx="1"/><path d="M8 21l4-6 4 6M12 15v0"/></svg>';
    button.addEventListener("click", function () { apply(!on); });
    bar.insertBefore(button, bar.firstChild);
  }

  apply(on);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { addButton(); apply(on); });
  } else {
    addButton();
    apply(on);
  }
})();

// Quizzes: opening an answer marks it as the one chosen, so its verdict
// shows as right or wrong. Without this script every answer still opens to
// its verdict and explanation.
(function () {
  function wire() {
    document.querySelectorAll(".quiz-explanation").forEach(function (d) {
      d.addEventListener("toggle", function () {
        var li = d.parentElement;
        if (d.open && li) li.classList.add("chosen");
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
