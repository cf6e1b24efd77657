// The "analyse text" page: send the text to /api/analyse and show the events it holds.
// Results are built with textContent only: the pasted text is never parsed as HTML.
(function () {
  "use strict";
  var form = document.getElementById("analyse-form");
  if (!form) { return; }
  var status = document.getElementById("status");
  var result = document.getElementById("result");
  var tbody = document.querySelector("#result-events tbody");

  function names(entities) {
    return (entities || []).map(function (e) { return e.name || e.text; }).join(", ");
  }

  function cell(row, text) {
    var td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function show(data) {
    while (result.firstChild) { result.removeChild(result.firstChild); }
    while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
    (data.segments || []).forEach(function (segment) {
      if (segment.kind) {
        var mark = document.createElement("mark");
        mark.className = segment.kind;
        mark.textContent = segment.text;
        result.appendChild(mark);
      } else {
        result.appendChild(document.createTextNode(segment.text));
      }
    });
    (data.events || []).forEach(function (event) {
      var row = document.createElement("tr");
      cell(row, event.date || "");
      cell(row, event.type + (event.mode ? " " + event.mode : ""));
      cell(row, names(event.actor));
      cell(row, names(event.recipient));
      cell(row, (event.intensity > 0 ? "+" : "") + Number(event.intensity).toFixed(1)).className = "num";
      cell(row, ["negated", "hypothetical", "future", "historical"].filter(function (f) { return event[f]; }).join(", "));
      tbody.appendChild(row);
    });
    var n = (data.events || []).length;
    var stored = data.stored ? (data.stored.new ? " Stored as " : " Already stored as ") + data.stored.doc_id + "." : "";
    status.textContent = n + (n === 1 ? " event." : " events.") + stored;
  }

  form.addEventListener("submit", function (submit) {
    submit.preventDefault();
    var body = { text: form.elements.text.value };
    if (form.elements.published.value) { body.published = form.elements.published.value; }
    var headers = { "Content-Type": "application/json", Accept: "application/json" };
    if (form.elements.store && form.elements.store.checked) {
      body.store = true;
      body.title = form.elements.title.value || null;
      body.source = form.elements.source.value || null;
      headers[form.elements.token.getAttribute("data-header")] = form.elements.token.value;
    }
    status.textContent = "Coding…";
    fetch("/api/analyse", { method: "POST", headers: headers, body: JSON.stringify(body) })
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) { throw new Error(typeof data.detail === "string" ? data.detail : "HTTP " + response.status); }
          return data;
        });
      })
      .then(show)
      .catch(function (error) { status.textContent = "Failed: " + error.message; });
  });
})();
