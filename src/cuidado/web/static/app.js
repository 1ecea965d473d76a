// cuidado's only script: add exports (drop or pick), show progress while they are read.
// Page text comes from data-msg-* attributes (translated by the server); every string is
// put in the page with textContent, never as HTML.
"use strict";
// The plan: each step is saved as soon as it is ticked or unticked (its form, sent as JSON);
// without this script the step's own Save button sends the same form.
(function () {
  document.querySelectorAll("form.step").forEach(function (form) {
    const box = form.querySelector("input[type=checkbox]");
    const status = form.querySelector(".step-status");
    form.querySelector(".save-step").hidden = true;
    box.addEventListener("change", async function () {
      const step = form.closest("li.action");
      try {
        const response = await fetch(form.getAttribute("action"), {  // form.action is the input named "action"
          method: "POST", credentials: "same-origin",
          headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(new FormData(form)).toString()
        });
        if (!response.ok) throw new Error(String(response.status));
        const data = await response.json();
        step.classList.toggle("done", data.done);
        status.textContent = data.message;
      } catch (err) {
        box.checked = !box.checked;
        status.textContent = form.dataset.msgFailed;
      }
    });
  });
})();

(function () {
  const panel = document.getElementById("add");
  if (!panel) return;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const drop = document.getElementById("drop");
  const bar = document.getElementById("progress");
  const status = document.getElementById("status");
  let busy = false;

  function msg(key, name) {
    return (panel.dataset["msg" + key] || "").replace("{name}", name || "");
  }
  function say(text) { status.textContent = text; }

  function post(url, body, onProgress) {
    return new Promise(function (resolve, reject) {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      xhr.setRequestHeader("X-CSRF-Token", csrf);
      if (body instanceof Blob) xhr.setRequestHeader("Content-Type", "application/octet-stream");
      if (onProgress) xhr.upload.onprogress = function (e) { if (e.lengthComputable) onProgress(e.loaded, e.total); };
      xhr.onload = function () {
        let data = {};
        try { data = JSON.parse(xhr.responseText); } catch (e) { data = {}; }
        if (xhr.status >= 200 && xhr.status < 300) resolve(data);
        else reject(new Error(data.error || xhr.statusText || String(xhr.status)));
      };
      xhr.onerror = function () { reject(new Error(msg("Lost"))); };
      xhr.send(body === undefined ? null : body);
    });
  }

  async function send(entries) {  // entries: [{file, path}]
    if (busy) { say(msg("Busy")); return; }
    if (!entries.length) { say(msg("Nothing")); return; }
    busy = true;
    bar.hidden = false;
    try {
      const batch = (await post("/api/batch")).batch;
      for (const entry of entries) {
        say(msg("Uploading", entry.path));
        bar.value = 0;
        const query = "?batch=" + encodeURIComponent(batch) + "&name=" + encodeURIComponent(entry.path);
        await post("/api/upload" + query, entry.file, function (loaded, total) {
          bar.value = Math.round(100 * loaded / Math.max(total, 1));
        });
      }
      await post("/api/scan?batch=" + encodeURIComponent(batch));
      poll();
    } catch (err) {
      busy = false;
      say(msg("Failed") + " " + err.message);
    }
  }

  // The results page; reloaded when already on it (assigning the same URL with a #fragment
  // would only scroll, not fetch the updated page).
  function showResults() {
    const target = "/?scanned=1#summary";
    if (window.location.pathname + window.location.search + window.location.hash === target) window.location.reload();
    else window.location.assign(target);
  }

  async function poll() {
    let state = {};
    try {
      const response = await fetch("/api/progress", { credentials: "same-origin", cache: "no-store" });
      state = await response.json();
    } catch (e) { state = { state: "scanning" }; }
    if (state.state === "scanning" && state.phase === "photos") {
      // The first results are in the workspace: show them (once), then count the photos checked.
      const notice = document.getElementById("photos-progress");
      if (!notice) { showResults(); return; }
      const text = (panel.dataset.msgPhotos || "").replace("{done}", state.photos_done).replace("{total}", state.photos_total);
      notice.textContent = text;
      say(text);
      bar.value = state.photos_total ? Math.round(100 * state.photos_done / state.photos_total) : 0;
      setTimeout(poll, 1000);
      return;
    }
    if (state.state === "scanning") {
      if (state.file) say(msg("Scanning", state.file));
      bar.value = state.total ? Math.round(100 * state.done / state.total) : 0;
      setTimeout(poll, 400);
      return;
    }
    busy = false;
    if (state.state === "error") { say(msg("Failed") + " " + state.error); return; }
    bar.value = 100;
    say(msg("Done"));
    showResults();
  }

  function fromInput(input) {
    return Array.from(input.files).map(function (f) {
      return { file: f, path: f.webkitRelativePath || f.name };
    });
  }

  // Folders dropped on the page: walk them, keeping each file's path inside the folder.
  function walk(entry, prefix, out) {
    return new Promise(function (resolve) {
      if (entry.isFile) {
        entry.file(function (f) { out.push({ file: f, path: prefix + f.name }); resolve(); }, resolve);
      } else if (entry.isDirectory) {
        const reader = entry.createReader();
        const all = [];
        (function more() {
          reader.readEntries(function (batch) {
            if (!batch.length) {
              Promise.all(all.map(function (e) { return walk(e, prefix + entry.name + "/", out); })).then(resolve);
            } else { all.push.apply(all, batch); more(); }
          }, resolve);
        })();
      } else resolve();
    });
  }

  // The whole window takes drops: a file dropped beside the box must not make the browser open it.
  window.addEventListener("dragover", function (e) { e.preventDefault(); drop.classList.add("over"); });
  window.addEventListener("dragleave", function (e) { if (!e.relatedTarget) drop.classList.remove("over"); });
  window.addEventListener("drop", async function (e) {
    e.preventDefault();
    drop.classList.remove("over");
    const out = [];
    const items = Array.from(e.dataTransfer.items || []);
    const entries = items.map(function (i) { return i.webkitGetAsEntry && i.webkitGetAsEntry(); });
    if (entries.length && entries.every(Boolean)) {
      await Promise.all(entries.map(function (en) { return walk(en, "", out); }));
    } else {
      Array.from(e.dataTransfer.files).forEach(function (f) { out.push({ file: f, path: f.name }); });
    }
    send(out);
  });
  document.getElementById("pick-files").addEventListener("change", function (e) { send(fromInput(e.target)); });
  document.getElementById("pick-folder").addEventListener("change", function (e) { send(fromInput(e.target)); });

  if (status.textContent.trim()) { busy = true; bar.hidden = false; poll(); }  // a scan was already running
})();
