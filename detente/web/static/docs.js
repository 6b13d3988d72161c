// Lists the API from /openapi.json (offline: no Swagger UI from a CDN). textContent only.
"use strict";
document.addEventListener("DOMContentLoaded", async () => {
  const spec = await (await fetch("/openapi.json")).json();
  document.getElementById("api-description").textContent = spec.info.description || "";
  const box = document.getElementById("api-paths");
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const h = document.createElement("h3");
      h.textContent = method.toUpperCase() + " " + path;
      const p = document.createElement("p");
      p.textContent = op.summary || "";
      box.appendChild(h); box.appendChild(p);
      const params = op.parameters || [];
      if (params.length) {
        const ul = document.createElement("ul");
        for (const prm of params) {
          const li = document.createElement("li");
          li.textContent = prm.name + " (" + prm.in + (prm.required ? ", required" : "") + ")" + (prm.description ? ": " + prm.description : "");
          ul.appendChild(li);
        }
        box.appendChild(ul);
      }
    }
  }
});
