// The Korean edition's search worker: Material's, with each query split into the
// index's words before Material's worker reads it.
//
// hooks/search.py publishes this file under the name of Material's search worker (the
// name the theme's pages give the browser) and Material's worker beside it as
// material.<name>, which this loads last. The index holds the pages' words apart, as
// hooks/search.py broke them with Kiwi: "선형 회귀를" and "선형회귀를" are both 선형, 회귀,
// 를. Material's worker looks each term of a query up as the start of an index word, so
// "회귀" finds both, but "선형회귀" typed whole would find neither. So each run of Hangul
// in the query is split into index words first, the longest from the left, as Material
// splits a Chinese query with the index's words (its `segment`): "선형회귀" -> "선형 회귀",
// "경사하강법을" -> "경사 하강법 을". A run that starts an index word as it is ("회귀",
// "하강법") stays whole.
"use strict";

const MATERIAL_WORKER = "{material_worker}"; // written in by hooks/search.py
const SETUP = 0; // Material's SearchMessageType: the index,
const QUERY = 2; // and a query

// The index's words that hold Hangul, sorted (by UTF-16 code units, as `<` compares).
let words = [];

// The words of the index's titles and texts, cut where Material's tokenizer cuts them:
// at its markup and at the configured separator; lowercased.
function indexWords({ config, docs }) {
  const separator = new RegExp(config.separator);
  const found = new Set();
  for (const doc of docs) {
    for (const field of [doc.title, doc.text]) {
      for (const word of (field || "").replace(/<[^>]*>/g, " ").split(separator)) {
        if (/\p{sc=Hangul}/u.test(word)) {
          found.add(word.toLowerCase());
        }
      }
    }
  }
  return [...found].sort();
}

// Whether an index word starts with `part` (a binary search of the sorted words).
function startsAWord(part) {
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (words[middle] < part) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low < words.length && words[low].startsWith(part);
}

// A run of Hangul as index words, each the longest start of an index word that the rest
// of the run begins with. A run written against a Latin word or a digit is set apart
// from it ("MSE를" -> "MSE 를"), as the index sets it.
function split(run, offset, query) {
  const parts = [];
  for (let start = 0; start < run.length; ) {
    let end = run.length;
    while (end > start + 1 && !startsAWord(run.slice(start, end))) {
      end--;
    }
    parts.push(run.slice(start, end));
    start = end;
  }
  const attached = offset > 0 && /[\p{L}\p{N}_]/u.test(query[offset - 1]);
  return (attached ? " " : "") + parts.join(" ");
}

// A message as Material's worker gets it: the index it is given is read for its words,
// and a query is split into them.
function prepare(message) {
  if (message.type === SETUP) {
    words = indexWords(message.data);
  } else if (message.type === QUERY) {
    return { ...message, data: message.data.replace(/\p{sc=Hangul}+/gu, split) };
  }
  return message;
}

// Material's worker listens with addEventListener("message", ev => ... ev.data ...):
// each message listener added from here on is handed the prepared message.
const listen = self.addEventListener.bind(self);
self.addEventListener = (type, listener, options) =>
  listen(
    type,
    type === "message" ? (event) => listener({ data: prepare(event.data) }) : listener,
    options,
  );

importScripts(MATERIAL_WORKER);
