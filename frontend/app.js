'use strict';
// Mega Pipeline browser app: records or takes a WAV, uploads it, and shows every prompt's progress
// live from the gateway's event stream (no polling).

const API = document.querySelector('meta[name="api-base"]').content.replace(/\/$/, '');
const TARGET_RATE = 16000;
// Artifact name to its title, in pipeline order: the table's columns, from the gateway's GET /api/pipeline.
const titles = new Map();

const $ = (id) => document.getElementById(id);
const tbody = document.querySelector('#prompts tbody');

function say(message, isError) {
  const status = $('status');
  status.textContent = message;
  status.classList.toggle('error', Boolean(isError));
}

// ---- the table ----

function el(tag, props, children) {
  const node = Object.assign(document.createElement(tag), props || {});
  (children || []).forEach((c) => node.append(c));
  return node;
}

function cell(prompt, stage, label) {
  const td = el('td', { className: 'stage ' + stage.state });
  td.dataset.artifact = stage.artifact;
  td.dataset.label = label;
  if (stage.state === 'done') {
    if (stage.audioUrl) {
      const player = el('audio', { controls: true, preload: 'metadata', src: API + stage.audioUrl });
      player.setAttribute('aria-label', label);
      td.append(player);
    } else {
      td.append(text(prompt, stage));
    }
    if (stage.seconds != null) {
      td.append(el('small', { className: 'timing', textContent: stage.stage + ': ' + stage.seconds.toFixed(1) + ' s' }));
    }
  } else if (stage.state === 'failed') {
    td.append(el('p', { className: 'reason', textContent: 'Failed: ' + stage.reason }));
  } else {
    td.append(el('span', { className: 'pending', textContent: 'waiting…' }));
  }
  return td;
}

/** A text artifact; the story sets the spoken prompt apart from what the model continued it with. */
function text(prompt, stage) {
  if (stage.text == null) return el('p', { className: 'text', textContent: '(text unavailable)' });
  const spoken = (prompt.stages.find((s) => s.artifact === 'text-prompts') || {}).text;
  const story = stage.text;
  if (stage.artifact !== 'text-paragraphs' || !spoken || !story.toLowerCase().startsWith(spoken.toLowerCase())) {
    return el('p', { className: 'text', textContent: story });
  }
  const head = el('span', { className: 'spoken', title: 'your prompt', textContent: story.slice(0, spoken.length) });
  return el('p', { className: 'text' }, [head, story.slice(spoken.length)]);
}

function row(prompt) {
  const tr = el('tr');
  tr.dataset.id = prompt.id;
  prompt.stages.forEach((stage) => tr.append(cell(prompt, stage, titles.get(stage.artifact) || stage.artifact)));
  const created = new Date(prompt.createdAt);
  tr.cells[0].prepend(el('time', { dateTime: prompt.createdAt, textContent: created.toLocaleString() }));
  const remove = el('button', { type: 'button', className: 'delete', textContent: 'Delete' });
  remove.setAttribute('aria-label', 'Delete prompt of ' + created.toLocaleString());
  remove.addEventListener('click', () => deletePrompt(prompt.id));
  const actions = el('td', { className: 'actions' }, [remove]);
  actions.dataset.label = '';
  tr.append(actions);
  return tr;
}

function upsert(prompt) {
  const existing = tbody.querySelector(`tr[data-id="${prompt.id}"]`);
  const fresh = row(prompt);
  if (existing) {
    // keep players that already exist, so one that is playing is not interrupted
    fresh.querySelectorAll('td[data-artifact]').forEach((td) => {
      const old = existing.querySelector(`td[data-artifact="${td.dataset.artifact}"]`);
      if (old && old.className === td.className && old.querySelector('audio')) td.replaceWith(old);
    });
    existing.replaceWith(fresh);
  } else {
    // newest first: ids sort by creation time
    const after = [...tbody.rows].find((r) => r.dataset.id < prompt.id);
    tbody.insertBefore(fresh, after || null);
  }
  $('empty').hidden = tbody.rows.length > 0;
}

function drop(id) {
  const tr = tbody.querySelector(`tr[data-id="${id}"]`);
  if (tr) tr.remove();
  $('empty').hidden = tbody.rows.length > 0;
}

async function problem(response) {
  try {
    const body = await response.json();
    return body.detail || body.title || response.statusText;
  } catch (e) {
    return response.status + ' ' + response.statusText;
  }
}

async function refresh(id) {
  const response = await fetch(`${API}/api/prompts/${id}`);
  if (response.ok) upsert(await response.json());
  else if (response.status === 404) drop(id);
}

/** The newest prompts, replacing the table's rows: at start and after the stream reconnects. */
async function loadAll() {
  const table = $('prompts');
  table.setAttribute('aria-busy', 'true');
  const response = await fetch(`${API}/api/prompts?size=100`);
  if (!response.ok) {
    say('Cannot load the prompts: ' + (await problem(response)), true);
    return;
  }
  const page = await response.json();
  const ids = new Set(page.items.map((p) => p.id));
  [...tbody.rows].filter((r) => !ids.has(r.dataset.id)).forEach((r) => r.remove());
  page.items.slice().reverse().forEach(upsert);
  $('empty').hidden = tbody.rows.length > 0;
  table.setAttribute('aria-busy', 'false');
}

async function deletePrompt(id) {
  const response = await fetch(`${API}/api/prompts/${id}`, { method: 'DELETE' });
  if (response.ok || response.status === 404) {
    drop(id);
    say('Prompt deleted.');
  } else {
    say('Cannot delete the prompt: ' + (await problem(response)), true);
  }
}

function listen() {
  const source = new EventSource(`${API}/api/events`);
  // (re)load once the stream is open, so no event between the two is missed
  source.onopen = () => { $('live').textContent = 'live'; $('live').classList.add('on'); loadAll(); };
  source.onerror = () => { $('live').textContent = 'reconnecting'; $('live').classList.remove('on'); };
  source.onmessage = (message) => {
    const event = JSON.parse(message.data);
    if (event.kind === 'deleted') drop(event.promptId);
    else refresh(event.promptId);
  };
}

// ---- upload ----

async function upload(blob, what) {
  say('Uploading ' + what + '…');
  const response = await fetch(`${API}/api/prompts`, {
    method: 'POST', headers: { 'Content-Type': 'audio/wav' }, body: blob,
  });
  if (response.status === 201) {
    upsert(await response.json());
    say('Prompt uploaded; the pipeline is working on it.');
  } else {
    say('Upload refused: ' + (await problem(response)), true);
  }
}

$('file').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  if (file) await upload(file, file.name);
  e.target.value = '';
});

// ---- recording: Float32 samples from the microphone, resampled to 16 kHz mono, written as a WAV ----

let recording = null;

async function startRecording() {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
  });
  const context = new AudioContext();
  const source = context.createMediaStreamSource(stream);
  const processor = context.createScriptProcessor(4096, 1, 1);
  const mute = context.createGain();
  mute.gain.value = 0; // the processor must reach the output to run, but nothing should be heard
  const chunks = [];
  const started = performance.now();
  processor.onaudioprocess = (e) => {
    const samples = new Float32Array(e.inputBuffer.getChannelData(0));
    chunks.push(samples);
    let sum = 0;
    for (let i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
    $('level').value = Math.min(1, Math.sqrt(sum / samples.length) * 4);
  };
  source.connect(processor);
  processor.connect(mute);
  mute.connect(context.destination);
  const timer = setInterval(() => {
    const s = Math.floor((performance.now() - started) / 1000);
    $('elapsed').textContent = Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  }, 250);
  recording = { stream, context, processor, chunks, timer };
}

async function stopRecording() {
  const { stream, context, processor, chunks, timer } = recording;
  recording = null;
  clearInterval(timer);
  processor.onaudioprocess = null;
  stream.getTracks().forEach((t) => t.stop());
  const rate = context.sampleRate;
  await context.close();
  $('level').value = 0;
  const length = chunks.reduce((n, c) => n + c.length, 0);
  if (length === 0) {
    say('Nothing was recorded.', true);
    return;
  }
  const samples = new Float32Array(length);
  let offset = 0;
  chunks.forEach((c) => { samples.set(c, offset); offset += c.length; });
  await upload(wav(await resample(samples, rate, TARGET_RATE), TARGET_RATE), 'the recording');
}

/** Band-limited resampling by the browser's own resampler. */
async function resample(samples, from, to) {
  if (from === to) return samples;
  const offline = new OfflineAudioContext(1, Math.ceil(samples.length * to / from), to);
  const buffer = offline.createBuffer(1, samples.length, from);
  buffer.copyToChannel(samples, 0);
  const source = offline.createBufferSource();
  source.buffer = buffer;
  source.connect(offline.destination);
  source.start();
  return (await offline.startRendering()).getChannelData(0);
}

/** A 16-bit PCM mono WAV file. */
function wav(samples, rate) {
  const view = new DataView(new ArrayBuffer(44 + samples.length * 2));
  const text = (at, s) => [...s].forEach((ch, i) => view.setUint8(at + i, ch.charCodeAt(0)));
  text(0, 'RIFF'); view.setUint32(4, 36 + samples.length * 2, true); text(8, 'WAVE');
  text(12, 'fmt '); view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
  view.setUint32(24, rate, true); view.setUint32(28, rate * 2, true); view.setUint16(32, 2, true);
  view.setUint16(34, 16, true); text(36, 'data'); view.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]));
    view.setInt16(44 + i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
  }
  return new Blob([view], { type: 'audio/wav' });
}

$('record').addEventListener('click', async () => {
  const button = $('record');
  button.disabled = true;
  try {
    if (recording) {
      button.textContent = 'Record';
      button.setAttribute('aria-pressed', 'false');
      await stopRecording();
    } else {
      await startRecording();
      button.textContent = 'Stop';
      button.setAttribute('aria-pressed', 'true');
      say('Recording… press Stop when done.');
    }
  } catch (e) {
    say('Cannot record: ' + e.message, true);
  } finally {
    button.disabled = false;
    button.focus();
  }
});

/** The table's headings: one column per artifact of the pipeline, then the actions. */
async function loadPipeline() {
  const response = await fetch(`${API}/api/pipeline`);
  if (!response.ok) throw new Error(await problem(response));
  const pipeline = await response.json();
  const head = document.querySelector('#prompts thead tr');
  const actions = head.lastElementChild;
  head.replaceChildren(...pipeline.artifacts.map((a) => {
    titles.set(a.name, a.title);
    return el('th', { scope: 'col', textContent: a.title });
  }), actions);
}

loadPipeline().then(listen, (e) => say('Cannot reach the gateway: ' + e.message, true));
