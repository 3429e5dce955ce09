// speech_outline's HTML view. The page works without this script (links scroll, <details> fold,
// the noise switch is CSS); the script adds the highlight of the paragraph a link went to, marks
// its heading in the outline (unfolding the outline down to it) and the expand/collapse buttons.
(function () {
  "use strict";
  var current = null;
  var active = null;

  function outlineLink(id) {
    var links = document.querySelectorAll(".outline a[href]");
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute("href") === "#" + id) return links[i];
    }
    return null;
  }

  function highlight(id) {
    var target = document.getElementById(id);
    if (!target) return;
    var para = target.closest(".para") || target;
    if (current) current.classList.remove("current");
    current = para;
    para.classList.add("current");
    var heading = para.querySelector("[id^='s-']");
    var link = heading ? outlineLink(heading.id) : null;
    if (active) active.classList.remove("active");
    active = link;
    if (link) {
      link.classList.add("active");
      for (var open = link.parentElement; open; open = open.parentElement) {
        if (open.tagName === "DETAILS") open.open = true;
      }
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (link) highlight(decodeURIComponent(link.getAttribute("href").slice(1)));
  });
  window.addEventListener("hashchange", function () {
    highlight(decodeURIComponent(location.hash.slice(1)));
  });

  var controls = document.querySelector(".controls");
  if (controls) {
    controls.hidden = false;
    controls.addEventListener("click", function (event) {
      var fold = event.target.getAttribute("data-fold");
      if (!fold) return;
      var all = document.querySelectorAll(".outline details");
      for (var i = 0; i < all.length; i++) all[i].open = fold === "open";
    });
  }
  if (location.hash) highlight(decodeURIComponent(location.hash.slice(1)));
  document.documentElement.classList.add("js");
})();
