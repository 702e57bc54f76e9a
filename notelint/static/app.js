// notelint staff page: checks the note as it is typed (debounced), highlights findings in place,
// applies suggestions, lists missing details and pathway alerts. Stores nothing: no cookies,
// no localStorage; the note only goes to this page's own server.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const note = $("note"), highlights = $("highlights"), backdrop = document.querySelector(".backdrop");
  const statusLine = $("status"), detail = $("detail"), profileSelect = $("profile");
  const token = new URLSearchParams(location.hash.slice(1)).get("token");  // #token=... for non-local use
  let findings = [], timer = null, seq = 0, activeIndex = -1;

  function headers() {
    const h = { "Content-Type": "application/json" };
    if (token) h["Authorization"] = "Bearer " + token;
    return h;
  }

  function esc(s) {
    return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }

  // The textarea holds the text; a backdrop behind it draws <mark>s at the same places.
  function paint() {
    const text = note.value;
    let html = "", pos = 0;
    findings.forEach((f, i) => {
      if (f.start < pos) return;  // overlapping: the first one wins
      html += esc(text.slice(pos, f.start));
      const cls = (f.severity === "error" ? "error" : "") + (i === activeIndex ? " active" : "");
      html += `<mark class="${cls.trim()}" data-i="${i}">${esc(text.slice(f.start, f.end))}</mark>`;
      pos = f.end;
    });
    html += esc(text.slice(pos)) + "\n";  // a trailing newline keeps the heights equal
    highlights.innerHTML = html;
    backdrop.scrollTop = note.scrollTop;
  }

  // Only replacements (words that fit the span exactly) are buttons; advice is text, never inserted.
  function suggestionButtons(f, i) {
    const buttons = f.replacements.length ?
      `<div class="suggestions" role="group" aria-label="Replacements">` +
      f.replacements.map((r, k) => `<button type="button" class="apply" data-i="${i}" data-k="${k}">Use “${esc(r.text)}”</button>`).join("") +
      `</div>` : "";
    const advice = f.advice.length ?
      `<ul class="advice" aria-label="Advice">` + f.advice.map((a) => `<li>${esc(a)}</li>`).join("") + `</ul>` : "";
    return buttons + advice;
  }

  function showDetail(i) {
    activeIndex = i;
    paint();
    if (i < 0) { detail.hidden = true; return; }
    const f = findings[i];
    detail.hidden = false;
    detail.innerHTML = `<h3>“${esc(f.text)}” <span class="code">${f.code} ${esc(f.name)}</span></h3>` +
      `<p>${esc(f.message)}</p>` + (f.why ? `<p class="muted">Why: ${esc(f.why)}</p>` : "") +
      suggestionButtons(f, i);
  }

  function render(doc) {
    findings = doc.findings.filter((f) => f.kind === "wording" || f.kind === "pathway");
    const wording = findings.map((f, i) => [f, i]).filter(([f]) => f.kind === "wording");
    const alerts = findings.filter((f) => f.kind === "pathway");
    $("wording-count").textContent = wording.length;
    $("findings").innerHTML = wording.length ? wording.map(([f, i]) =>
      `<li><button type="button" class="finding" data-i="${i}" aria-describedby="status">` +
      `“${esc(f.text)}” <span class="code">${f.code}</span><br>${esc(f.message)}</button>${suggestionButtons(f, i)}</li>`).join("")
      : `<li class="none">Nothing to reword.</li>`;
    $("alerts").innerHTML = alerts.length ? alerts.map((f) =>
      `<li><strong>${esc(f.message)}</strong> <span class="code">${f.code}</span></li>`).join("")
      : `<li class="none">No pathway alerts.</li>`;
    $("missing-intro").textContent = doc.is_da_note
      ? (doc.missing.length ? "This note is about domestic abuse. Please also record:" : "All the details a domestic-abuse note needs are recorded.")
      : "Shown once the note is about domestic abuse.";
    $("missing").innerHTML = doc.missing.map((m) =>
      `<li>${esc(m.message)} <span class="code">${m.code}</span></li>`).join("");
    statusLine.textContent = wording.length + (wording.length === 1 ? " wording issue" : " wording issues") +
      (alerts.length ? ", " + alerts.length + " pathway alert" + (alerts.length === 1 ? "" : "s") : "") +
      (doc.is_da_note ? ", " + doc.missing.length + " detail" + (doc.missing.length === 1 ? "" : "s") + " not yet recorded." : ".");
    activeIndex = -1;
    detail.hidden = true;
    paint();
  }

  async function check() {
    const mine = ++seq, text = note.value;
    if (!text.trim()) { render({ findings: [], missing: [], is_da_note: false }); statusLine.textContent = "Ready."; return; }
    statusLine.textContent = "Checking…";
    try {
      const res = await fetch("/api/check", { method: "POST", headers: headers(), credentials: "omit",
        body: JSON.stringify({ text: text, profile: profileSelect.value || null }) });
      const body = await res.json();
      if (mine !== seq) return;  // a newer check is on its way
      if (!res.ok) { statusLine.textContent = "Could not check: " + (body.error || res.status); return; }
      render(body);
    } catch (e) {
      if (mine === seq) statusLine.textContent = "Could not reach notelint on this computer.";
    }
  }

  function schedule() { paint(); clearTimeout(timer); timer = setTimeout(check, 250); }

  function apply(i, k) {
    const f = findings[i], s = f.replacements[k].text;
    const text = note.value;
    if (text.slice(f.start, f.end) !== f.text) return;  // the note changed since: wait for the next check
    note.value = text.slice(0, f.start) + s + text.slice(f.end);
    note.focus();
    note.setSelectionRange(f.start + s.length, f.start + s.length);
    statusLine.textContent = `Replaced “${f.text}” with “${s}”.`;
    findings = [];
    schedule();
  }

  function findingAtCaret() {
    const p = note.selectionStart;
    return findings.findIndex((f) => f.start <= p && p <= f.end);
  }

  note.addEventListener("input", schedule);
  note.addEventListener("scroll", () => { backdrop.scrollTop = note.scrollTop; });
  ["click", "keyup"].forEach((ev) => note.addEventListener(ev, () => {
    const i = findingAtCaret();
    if (i !== activeIndex) showDetail(i);
  }));
  document.addEventListener("click", (e) => {
    const t = e.target.closest("button");
    if (!t) return;
    if (t.classList.contains("apply")) apply(+t.dataset.i, +t.dataset.k);
    else if (t.classList.contains("finding")) {
      const f = findings[+t.dataset.i];
      showDetail(+t.dataset.i);
      note.focus();
      note.setSelectionRange(f.start, f.end);
    }
  });
  document.addEventListener("focusin", (e) => {
    const t = e.target.closest && e.target.closest("button.finding");
    if (t) showDetail(+t.dataset.i);
  });
  document.addEventListener("mouseover", (e) => {
    const t = e.target.closest && e.target.closest("button.finding");
    if (t && +t.dataset.i !== activeIndex) showDetail(+t.dataset.i);
  });
  $("copy").addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(note.value); }
    catch (e) { note.select(); document.execCommand("copy"); }
    statusLine.textContent = "Note copied.";
  });
  profileSelect.addEventListener("change", check);

  fetch("/api/profiles", { headers: headers(), credentials: "omit" }).then((r) => r.json()).then((p) => {
    profileSelect.innerHTML = p.profiles.map((name) =>
      `<option value="${esc(name)}"${name === p.default ? " selected" : ""}>${esc(name)}</option>`).join("");
  }).catch(() => {});
})();
