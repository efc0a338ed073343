// The ui-search page: talks only to this server's /api, draws results as cards.
// Every catalog value is inserted with textContent, never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
const form = $("search-form"), promptBox = $("prompt"), kBox = $("k"), modeBox = $("mode"), results = $("results");
const statusLine = $("status"), filtersBox = $("filters"), filterControls = $("filter-controls");
const contextBar = $("context"), contextText = $("context-text");
// shown first, as chips; any other metadata is drawn too, smaller
const MAIN_CHIPS = ["screen", "theme", "platform"];
const PALETTE_FIELDS = ["palette", "colors", "colours"];
let lastSearch = null;  // to come back to after "more like this"

function setStatus(text, isError = false) {
  statusLine.textContent = text;
  statusLine.classList.toggle("error", isError);
}

async function api(path, body) {
  const init = body === undefined ? {} : {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
  };
  const response = await fetch(path, init);
  let data = null;
  try { data = await response.json(); } catch (_) { /* error pages without JSON */ }
  if (!response.ok) {
    throw new Error((data && data.detail) || `${response.status} ${response.statusText}`);
  }
  return data;
}

// -- filters ----------------------------------------------------------------------------------
function currentFilters() {
  const where = {};
  for (const select of filterControls.querySelectorAll("select")) {
    if (select.value) where[select.dataset.field] = select.value;
  }
  return where;
}

function buildFilters(facets, initial) {
  const names = Object.keys(facets).sort((a, b) => {
    const ia = MAIN_CHIPS.indexOf(a), ib = MAIN_CHIPS.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  for (const name of names) {
    const label = document.createElement("label");
    label.append(name + " ");
    const select = document.createElement("select");
    select.dataset.field = name;
    select.id = "filter-" + name.replace(/[^a-zA-Z0-9_-]/g, "_");
    select.append(new Option("any", ""));
    for (const { value, count } of facets[name]) select.append(new Option(`${value} (${count})`, value));
    if (initial[name]) select.value = initial[name];
    select.addEventListener("change", rerun);
    label.append(select);
    filterControls.append(label);
  }
  filtersBox.hidden = names.length === 0;
}

$("clear-filters").addEventListener("click", () => {
  for (const select of filterControls.querySelectorAll("select")) select.value = "";
  rerun();
});

// -- colours ----------------------------------------------------------------------------------
function cssColour(name) {
  const plain = String(name).trim().toLowerCase();
  const known = (window.UI_SEARCH_COLOURS || {})[plain];
  if (known) return known;
  const candidates = [plain, plain.replace(/[\s_-]+/g, ""), plain.replace(/grey/g, "gray").replace(/[\s_-]+/g, "")];
  // "midnight navy" -> navy, "blue-to-pink gradient" -> blue: the last CSS word names the hue best
  const words = plain.split(/[\s_-]+/).filter((w) => w !== "gradient");
  for (const word of words) candidates.push(word);
  for (const candidate of candidates) {
    if (candidate && CSS.supports("color", candidate)) return candidate;
  }
  return null;
}

// -- cards ------------------------------------------------------------------------------------
function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function isScalar(value) {
  return ["string", "number", "boolean"].includes(typeof value);
}

function card(hit) {
  const li = element("li", "card");
  li.tabIndex = 0;
  li.dataset.id = hit.id;
  const fields = hit.fields || {}, meta = hit.metadata || {};
  const fieldValues = Object.values(fields).filter(isScalar).map(String);
  const title = fields.title || fieldValues[0] || String(hit.text || "").split("\n")[0] || hit.id;
  const description = fields.description || fieldValues.slice(1).join(" — ") || "";

  const head = element("div", "card-head");
  head.append(element("h2", "card-title", title), element("span", "score", `score ${Number(hit.score).toFixed(3)}`));
  li.append(head);
  if (description) li.append(element("p", "card-desc", description));

  const chips = element("ul", "chips");
  for (const key of MAIN_CHIPS) {
    if (isScalar(meta[key])) {
      const chip = element("li", "chip chip-" + key);
      chip.append(element("b", "", key + " "), String(meta[key]));
      chips.append(chip);
    }
  }
  const extras = [];
  for (const [key, value] of Object.entries(meta)) {
    if (MAIN_CHIPS.includes(key) || PALETTE_FIELDS.includes(key)) continue;
    if (isScalar(value) && String(value).length <= 40) {
      chips.append(element("li", "chip minor", `${key}: ${value}`));
    } else if (Array.isArray(value) && value.length) {
      extras.push(`${key}: ${value.map((v) => (isScalar(v) ? String(v) : JSON.stringify(v))).join(", ")}`);
    }
  }
  if (chips.children.length) li.append(chips);

  const paletteKey = PALETTE_FIELDS.find((key) => Array.isArray(meta[key]));
  if (paletteKey) {
    const palette = element("ul", "palette");
    palette.setAttribute("aria-label", "palette");
    for (const name of meta[paletteKey]) {
      const swatch = element("li", "swatch");
      const colour = cssColour(name);
      const box = element("i", colour ? "" : "unknown");
      if (colour) box.style.background = colour;
      box.setAttribute("aria-hidden", "true");
      swatch.title = String(name);
      swatch.append(box, String(name));
      palette.append(swatch);
    }
    li.append(palette);
  }
  for (const line of extras) li.append(element("p", "extra", line.length > 220 ? line.slice(0, 217) + "..." : line));
  li.append(element("span", "card-id", hit.id));

  const actions = element("div", "card-actions");
  const more = element("button", "more-like", "More like this");
  more.type = "button";
  more.setAttribute("aria-label", `More like ${title}`);
  more.addEventListener("click", () => moreLike(hit.id, title));
  actions.append(more);
  li.append(actions);
  return li;
}

function show(hits, summary) {
  results.replaceChildren(...hits.map(card));
  setStatus(hits.length ? summary : "No design matches: try other words or fewer filters.");
}

// -- actions ----------------------------------------------------------------------------------
function saveUrl(prompt) {
  const params = new URLSearchParams();
  if (prompt) params.set("q", prompt);
  if (kBox.value !== "10") params.set("k", kBox.value);
  if (modeBox.value) params.set("mode", modeBox.value);
  for (const [key, value] of Object.entries(currentFilters())) params.set("f." + key, value);
  const query = params.toString();
  history.replaceState(null, "", query ? "?" + query : location.pathname);
}

async function search() {
  const prompt = promptBox.value.trim();
  if (!prompt) {
    setStatus("Type a prompt first, e.g. Dark theme contact Support.", true);
    promptBox.focus();
    return;
  }
  const where = currentFilters();
  const body = { prompt, k: Number(kBox.value) };
  if (Object.keys(where).length) body.where = where;
  if (modeBox.value) body.mode = modeBox.value;
  lastSearch = prompt;
  contextBar.hidden = true;
  saveUrl(prompt);
  setStatus("Searching…");
  try {
    const data = await api("/api/search", body);
    show(data.results, `${data.results.length} designs for “${prompt}”`);
  } catch (error) {
    results.replaceChildren();
    setStatus(error.message, true);
  }
}

async function moreLike(id, title) {
  const params = new URLSearchParams({ k: kBox.value });
  for (const [key, value] of Object.entries(currentFilters())) params.append("where", `${key}=${value}`);
  setStatus("Finding similar designs…");
  try {
    const data = await api(`/api/similar/${encodeURIComponent(id)}?${params}`);
    contextText.textContent = `Designs like “${title}”`;
    contextBar.hidden = false;
    show(data.results, `${data.results.length} designs like “${title}”`);
    const first = results.querySelector(".card");
    (first || $("back")).focus();
  } catch (error) {
    setStatus(error.message, true);
  }
}

function rerun() {
  if (promptBox.value.trim()) search();
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  search();
});
kBox.addEventListener("change", rerun);
modeBox.addEventListener("change", rerun);
$("back").addEventListener("click", () => {
  contextBar.hidden = true;
  if (lastSearch) {
    promptBox.value = lastSearch;
    search();
  }
  promptBox.focus();
});

// -- keyboard ---------------------------------------------------------------------------------
function moveFocus(step) {
  const cards = [...results.querySelectorAll(".card")];
  if (!cards.length) return;
  const at = cards.indexOf(document.activeElement.closest ? document.activeElement.closest(".card") : null);
  const next = at < 0 ? 0 : Math.min(cards.length - 1, Math.max(0, at + step));
  cards[next].focus();
  cards[next].scrollIntoView({ block: "nearest" });
}

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const typing = ["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement.tagName);
  if (event.key === "Escape") {
    promptBox.focus();
    promptBox.select();
    return;
  }
  if (typing) {
    if (event.key === "ArrowDown" && document.activeElement === promptBox && results.children.length) {
      event.preventDefault();
      moveFocus(0);
    }
    return;
  }
  const focusedCard = document.activeElement.closest ? document.activeElement.closest(".card") : null;
  if (event.key === "/") {
    event.preventDefault();
    promptBox.focus();
  } else if (event.key === "ArrowDown" || event.key === "j") {
    event.preventDefault();
    moveFocus(1);
  } else if (event.key === "ArrowUp" || event.key === "k") {
    event.preventDefault();
    moveFocus(-1);
  } else if ((event.key === "m" || (event.key === "Enter" && document.activeElement === focusedCard)) && focusedCard) {
    event.preventDefault();
    focusedCard.querySelector(".more-like").click();
  }
});

// -- start ------------------------------------------------------------------------------------
async function start() {
  const params = new URLSearchParams(location.search);
  const initial = {};
  for (const [key, value] of params) if (key.startsWith("f.")) initial[key.slice(2)] = value;
  if (params.get("k") && [...kBox.options].some((o) => o.value === params.get("k"))) kBox.value = params.get("k");
  try {
    const info = await api("/api/info");
    buildFilters(info.facets || {}, initial);
    for (const mode of info.modes || []) modeBox.append(new Option(mode, mode));
    $("mode-box").hidden = !(info.modes || []).length;
    if ((info.modes || []).includes(params.get("mode"))) modeBox.value = params.get("mode");
    const facts = info.facts || {};
    $("index-facts").textContent = `Index ${facts.version || ""}: ${facts.count ?? "?"} designs, model ` +
      `${facts.model || "?"}, ui-search ${info.server_version}.`;
  } catch (error) {
    setStatus("Cannot reach the index: " + error.message, true);
  }
  if (params.get("q")) {
    promptBox.value = params.get("q");
    search();
  }
  document.body.dataset.ready = "1";  // for tests and scripts driving the page
}

start();
