// The return portal's progressive enhancements: show only the fields that apply, preview
// photos, and search lockers / drop-off points. Every form field works without this script.
(function () {
  "use strict";

  function showWhen(elements, visible) {
    elements.forEach(function (element) { element.hidden = !visible(element); });
  }

  function checkedValue(name) {
    var checked = document.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : "";
  }

  function updateLines() {
    document.querySelectorAll("input[data-toggles]").forEach(function (box) {
      var details = document.getElementById(box.dataset.toggles);
      if (details) details.hidden = !box.checked;
    });
  }

  function updateChoices() {
    var resolution = checkedValue("resolution");
    var method = checkedValue("method");
    showWhen(document.querySelectorAll("[data-resolution]"), function (element) {
      return element.dataset.resolution === resolution;
    });
    showWhen(document.querySelectorAll(".method-details[data-method]"), function (element) {
      return element.dataset.method.split(" ").indexOf(method) !== -1;
    });
  }

  function updatePhotoHint(select) {
    var option = select.options[select.selectedIndex];
    var hint = document.getElementById(select.dataset.photoHint);
    var input = hint && hint.parentElement.querySelector('input[type="file"]');
    var required = Boolean(option && option.dataset.requiresPhoto);
    if (hint) hint.classList.toggle("error", required);
    if (input) input.setAttribute("aria-required", String(required));
  }

  function previewPhotos(input) {
    var box = document.getElementById(input.dataset.preview);
    if (!box) return;
    box.replaceChildren();
    Array.prototype.forEach.call(input.files || [], function (file) {
      var image = document.createElement("img");
      image.src = URL.createObjectURL(file);
      image.alt = file.name;
      box.appendChild(image);
    });
  }

  function renderPoints(results, status, points) {
    results.replaceChildren();
    points.forEach(function (point, index) {
      var row = document.createElement("div");
      row.className = "point";
      var radio = document.createElement("input");
      radio.type = "radio";
      radio.name = "point";
      radio.value = point.id;
      radio.id = "point-" + index;
      radio.dataset.label = point.name + ", " + point.address;
      var label = document.createElement("label");
      label.htmlFor = radio.id;
      label.textContent = point.name;
      var address = document.createElement("small");
      address.textContent = point.address + (point.opening_hours ? " · " + point.opening_hours : "");
      label.appendChild(address);
      row.appendChild(radio);
      row.appendChild(label);
      results.appendChild(row);
    });
    status.textContent = points.length
      ? status.dataset.found + " " + points.length
      : status.dataset.none;
  }

  function searchPoints(picker) {
    var query = document.getElementById("point-search").value.trim();
    var status = document.getElementById("point-status");
    var results = document.getElementById("point-results");
    if (!query) return;
    var url = picker.dataset.pointsUrl + "?q=" + encodeURIComponent(query) +
      "&method=" + encodeURIComponent(checkedValue("method"));
    results.setAttribute("aria-busy", "true");
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (body) { renderPoints(results, status, body.points); })
      .catch(function () { results.replaceChildren(); status.textContent = status.dataset.failed; })
      .finally(function () { results.setAttribute("aria-busy", "false"); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.documentElement.classList.add("js");
    // After a refused submission, take keyboard and screen-reader users to the list of errors.
    var summary = document.getElementById("form-errors");
    if (summary && summary.textContent.trim()) {
      summary.setAttribute("tabindex", "-1");
      summary.focus();
    }
    updateLines();
    updateChoices();
    document.querySelectorAll("select[data-photo-hint]").forEach(updatePhotoHint);

    document.addEventListener("change", function (event) {
      var target = event.target;
      if (target.matches("input[data-toggles]")) updateLines();
      if (target.matches('input[name="resolution"], input[name="method"]')) updateChoices();
      if (target.matches("select[data-photo-hint]")) updatePhotoHint(target);
      if (target.matches("input[data-preview]")) previewPhotos(target);
      if (target.matches('input[name="point"]')) {
        document.getElementById("point-label").value = target.dataset.label;
      }
    });

    var picker = document.querySelector("[data-points-url]");
    if (!picker) return;
    document.getElementById("point-search-button").addEventListener("click", function () {
      searchPoints(picker);
    });
    document.getElementById("point-search").addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        searchPoints(picker);
      }
    });
  });
})();
