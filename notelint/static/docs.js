// The API reference from this server's own /openapi.json: no Swagger UI, nothing from elsewhere.
"use strict";
(function () {
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  fetch("/openapi.json", { credentials: "omit" }).then((r) => r.json()).then((spec) => {
    const out = [];
    Object.entries(spec.paths || {}).forEach(([path, ops]) => {
      Object.entries(ops).forEach(([method, op]) => {
        const params = (op.parameters || []).map((p) => `<li><code>${esc(p.name)}</code> (${esc(p.in)})</li>`).join("");
        const body = op.requestBody && op.requestBody.content ? Object.keys(op.requestBody.content).join(", ") : "";
        out.push(`<article class="endpoint"><h3><code>${esc(method.toUpperCase())} ${esc(path)}</code></h3>` +
          `<p>${esc(op.summary || "")}</p>` + (op.description ? `<p class="muted">${esc(op.description)}</p>` : "") +
          (body ? `<p>Body: <code>${esc(body)}</code></p>` : "") + (params ? `<ul>${params}</ul>` : "") + `</article>`);
      });
    });
    document.getElementById("endpoints").innerHTML = out.join("") || "<p>No endpoints.</p>";
  }).catch(() => { document.getElementById("endpoints").innerHTML = "<p>Could not read /openapi.json.</p>"; });
})();
