// notelint staff page: checks the note as it is typed (debounced), highlights findings in place,
// applies suggestions, lists missing details and pathway alerts. Stores nothing: no cookies,
// no localStorage; the note only goes to this page's own server.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const note = $("note"), highlights = $("highlights"), backdrop = document.querySelector(".backdrop");
  const statusLine = $("status"), detail = $("detail"), profileSelect = $("profile");
  const hint = detail.innerHTML;
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
      `<div class="suggestions" role="group" aria-label="Replace with">` +
      f.replacements.map((r, k) => `<button type="button" class="apply" data-i="${i}" data-k="${k}">Use “${esc(r.text)}”</button>`).join("") +
      `</div>` : "";
    const offered = new Set(f.replacements.map((r) => r.text.toLowerCase()));
    const rest = f.advice.filter((a) => !offered.has(a.toLowerCase()));  // each thing said once
    const advice = rest.length ?
      `<h4>Advice</h4><ul class="advice" aria-label="Advice">` + rest.map((a) => `<li>${esc(a)}</li>`).join("") + `</ul>` : "";
    return buttons + advice;
  }

  // The finding at the cursor, beside the note: what it is, why, the replacements and the advice.
  function showDetail(i) {
    activeIndex = i;
    paint();
    document.querySelectorAll("button.finding").forEach((b) => b.classList.toggle("active", +b.dataset.i === i));
    if (i < 0 || !findings[i]) {
      detail.className = "detail";
      detail.innerHTML = hint;
      return;
    }
    const f = findings[i];
    detail.className = "detail on" + (f.severity === "error" ? " error" : "");
    detail.innerHTML = `<h3>${esc(f.title || f.name)} <span class="code">${f.code}</span></h3>` +
      `<p>${esc(f.message)}</p>` + (f.why ? `<p class="muted why">Why: ${esc(f.why)}</p>` : "") +
      suggestionButtons(f, i);
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function render(doc) {
    findings = doc.findings.filter((f) => f.kind === "wording" || f.kind === "pathway");
    const wording = findings.map((f, i) => [f, i]).filter(([f]) => f.kind === "wording");
    const alerts = findings.map((f, i) => [f, i]).filter(([f]) => f.kind === "pathway");
    $("wording-count").textContent = wording.length;
    $("alerts-count").textContent = alerts.length;
    $("missing-count").textContent = doc.is_da_note ? doc.missing.length : 0;
    // compact: the phrase once, its title under it; the rest is beside the note when chosen
    $("findings").innerHTML = wording.length ? wording.map(([f, i]) =>
      `<li><button type="button" class="finding" data-i="${i}">“${esc(f.text)}”` +
      `<span class="title">${esc(f.title || f.name)}</span></button></li>`).join("")
      : `<li class="none">Nothing to reword.</li>`;
    $("alerts").innerHTML = alerts.length ? alerts.map(([f, i]) =>
      `<li><button type="button" class="finding alert" data-i="${i}"><strong>${esc(f.title || f.name)}</strong>` +
      `<span class="title">“${esc(f.text)}”: choose to see what to do</span></button></li>`).join("")
      : `<li class="none">No pathway alerts.</li>`;
    $("missing-intro").textContent = doc.is_da_note
      ? (doc.missing.length ? "This note is about domestic abuse. Please also record:" : "All the details a domestic-abuse note needs are recorded.")
      : "Shown once the note is about domestic abuse.";
    $("missing").innerHTML = doc.missing.map((m) =>
      `<li><details><summary>${esc(m.title || m.name)}</summary>${esc(m.message)}</details></li>`).join("");
    statusLine.textContent = plural(wording.length, "wording issue", "wording issues") +
      (alerts.length ? ", " + plural(alerts.length, "pathway alert", "pathway alerts") : "") +
      (doc.is_da_note ? ", " + plural(doc.missing.length, "detail", "details") + " not yet recorded." : ".");
    showDetail(document.activeElement === note ? findingAtCaret() : -1);
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
    const f = findings[i];
    if (!f || !f.replacements[k]) return;
    const s = f.replacements[k].text;
    const text = note.value;
    if (text.slice(f.start, f.end) !== f.text) return;  // the note changed since: wait for the next check
    note.value = text.slice(0, f.start) + s + text.slice(f.end);
    note.focus();
    note.setSelectionRange(f.start + s.length, f.start + s.length);
    statusLine.textContent = `Replaced “${f.text}” with “${s}”.`;
    findings = [];
    showDetail(-1);
    schedule();
  }

  function findingAtCaret() {
    const p = note.selectionStart;
    return findings.findIndex((f) => f.start <= p && p <= f.end);
  }

  note.addEventListener("input", schedule);
  note.addEventListener("scroll", () => { backdrop.scrollTop = note.scrollTop; });
  ["click", "keyup", "focus"].forEach((ev) => note.addEventListener(ev, () => {
    const i = findingAtCaret();
    if (i !== activeIndex) showDetail(i);
  }));
  document.addEventListener("click", (e) => {
    const t = e.target.closest("button");
    if (!t) return;
    if (t.classList.contains("apply")) apply(+t.dataset.i, +t.dataset.k);
    else if (t.classList.contains("finding")) {
      // select the phrase in the note; Tab from there reaches the replacements beside it
      const f = findings[+t.dataset.i];
      if (!f) return;  // the list is being refreshed
      note.focus();
      note.setSelectionRange(f.start, f.end);
      showDetail(+t.dataset.i);
    }
  });
  document.addEventListener("focusin", (e) => {
    const t = e.target.closest && e.target.closest("button.finding");
    if (t) showDetail(+t.dataset.i);
  });
  $("copy").addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(note.value); }
    catch (e) { note.select(); document.execCommand("copy"); }
    statusLine.textContent = "Note copied.";
  });
  profileSelect.addEventListener("change", check);

  fetch("/api/profiles", { headers: headers(), credentials: "omit" }).then((r) => r.json()).then((p) => {
    const titles = p.titles || {};
    profileSelect.innerHTML = p.profiles.map((name) =>
      `<option value="${esc(name)}"${name === p.default ? " selected" : ""}>${esc(titles[name] || name)}</option>`).join("");
  }).catch(() => {});
})();
