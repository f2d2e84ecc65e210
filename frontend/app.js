'use strict';
// Mega Pipeline browser app: records or takes a WAV, uploads it, and shows every prompt's progress
// live from the gateway's event stream (no polling).

const API = document.querySelector('meta[name="api-base"]').content.replace(/\/$/, '');
const TARGET_RATE = 16000;
// Artifact name to its title, in pipeline order: the table's columns, from the gateway's GET /api/pipeline.
const titles = new Map();

// The prompts shown, by id, and the one the picture follows.
const prompts = new Map();
let selectedId = null;
// The topology from GET /api/pipeline.
let pipeline = null;

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
  const show = el('button', { type: 'button', className: 'select', textContent: 'Show' });
  show.setAttribute('aria-label', 'Show prompt of ' + created.toLocaleString() + ' in the pipeline');
  show.setAttribute('aria-pressed', String(prompt.id === selectedId));
  show.addEventListener('click', () => select(prompt.id));
  tr.classList.toggle('selected', prompt.id === selectedId);
  tr.addEventListener('click', (e) => {
    if (!e.target.closest('button, audio, a, input')) select(prompt.id);
  });
  const remove = el('button', { type: 'button', className: 'delete', textContent: 'Delete' });
  remove.setAttribute('aria-label', 'Delete prompt of ' + created.toLocaleString());
  remove.addEventListener('click', () => deletePrompt(prompt.id));
  const actions = el('td', { className: 'actions' }, [show, remove]);
  actions.dataset.label = '';
  tr.append(actions);
  return tr;
}

function upsert(prompt) {
  prompts.set(prompt.id, prompt);
  if (prompt.id === selectedId) showSelected();
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
  prompts.delete(id);
  if (id === selectedId) select(null);
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
    const prompt = await response.json();
    upsert(prompt);
    select(prompt.id);
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

// ---- the pipeline as a picture: the services as boxes, the topics between them ----

/**
 * Where each service and topic goes on the grid: a service's column is one past the producer of its input
 * (topics in the columns between), its row its producer's row plus its place among that input's consumers.
 */
function layout(services) {
  const place = new Map();
  services.forEach((service) => {
    if (!service.input) {
      place.set(service.name, { depth: 0, row: 0 });
      return;
    }
    const producer = services.find((s) => s.output === service.input);
    const from = place.get(producer.name);
    const siblings = services.filter((s) => s.input === service.input);
    place.set(service.name, { depth: from.depth + 1, row: from.row + siblings.indexOf(service) });
  });
  return place;
}

function drawDiagram() {
  const place = layout(pipeline.services);
  const items = [];
  pipeline.services.forEach((service) => {
    const at = place.get(service.name);
    const box = el('li', { className: 'box pending' }, [
      el('span', { className: 'name', textContent: service.name }),
      el('span', { className: 'state', textContent: '' }),
    ]);
    if (service.input) box.append(el('span', { className: 'reads', textContent: 'reads ' + service.input }));
    box.dataset.service = service.name;
    box.style.gridColumn = String(2 * at.depth + 1);
    box.style.gridRow = String(at.row + 1);
    const topic = el('li', { className: 'topic pending' }, [
      el('span', { className: 'arrow', textContent: '→' }),
      el('span', { className: 'name', textContent: service.output }),
      el('span', { className: 'title', textContent: titles.get(service.output) || '' }),
    ]);
    topic.querySelector('.arrow').setAttribute('aria-hidden', 'true');
    topic.dataset.topic = service.output;
    topic.style.gridColumn = String(2 * at.depth + 2);
    topic.style.gridRow = String(at.row + 1);
    items.push(box, topic);
  });
  $('diagram').replaceChildren(...items);
  showSelected();
}

function select(id) {
  selectedId = id;
  lastStates.clear();
  tbody.querySelectorAll('tr').forEach((tr) => {
    const chosen = tr.dataset.id === id;
    tr.classList.toggle('selected', chosen);
    const button = tr.querySelector('button.select');
    if (button) button.setAttribute('aria-pressed', String(chosen));
  });
  showSelected();
}

const seconds = (s) => s.toFixed(1) + ' s';
// Each box's last state, so that only changes are announced.
const lastStates = new Map();

/** The boxes and the waterfall for the selected prompt (or the bare topology when none is). */
function showSelected() {
  if (!pipeline) return;
  const prompt = selectedId ? prompts.get(selectedId) : null;
  $('selected').textContent = prompt
    ? 'Following the prompt of ' + new Date(prompt.createdAt).toLocaleString() + '.'
    : 'Choose a prompt in the list (its Show button) to follow it through the pipeline.';
  const byArtifact = new Map((prompt ? prompt.stages : []).map((s) => [s.artifact, s]));
  const changes = [];
  pipeline.services.forEach((service) => {
    const output = byArtifact.get(service.output);
    const input = service.input ? byArtifact.get(service.input) : null;
    let state = 'pending';
    let words = prompt ? 'waiting' : '';
    if (output && output.state === 'done') {
      state = 'done';
      words = output.seconds != null ? 'done in ' + seconds(output.seconds) : 'done';
    } else if (output && output.state === 'failed') {
      state = 'failed';
      words = 'failed: ' + output.reason;
    } else if (input && input.state === 'done') {
      state = 'working';
      words = 'working…';
    }
    const box = $('diagram').querySelector(`[data-service="${service.name}"]`);
    box.className = 'box ' + state;
    box.querySelector('.state').textContent = words;
    box.setAttribute('aria-label', service.name + (words ? ': ' + words : ''));
    const topic = $('diagram').querySelector(`[data-topic="${service.output}"]`);
    topic.className = 'topic ' + (state === 'done' ? 'done' : 'pending');
    topic.setAttribute('aria-label', 'topic ' + service.output + (state === 'done' ? ': arrived' : ''));
    if (prompt && lastStates.has(service.name) && lastStates.get(service.name) !== state) {
      changes.push(service.name + ' ' + words);
    }
    lastStates.set(service.name, state);
  });
  if (changes.length) $('pipeline-status').textContent = changes.join('; ');
  drawWaterfall(prompt, byArtifact);
}

/** A duration for people: milliseconds under a second, else seconds. */
const duration = (ms) => (ms < 1000 ? Math.round(ms) + ' ms' : seconds(ms / 1000));

/**
 * The parts of a done stage's time, in ms, from its input's event to its own: the wait (the input's publish,
 * its hop through Kafka and its queue at the stage, up to the stage taking it), the engine, and the rest (the
 * store's reads and writes). Null when the output's event had no timings (a gateway restarted since).
 */
function parts(input, output) {
  if (!output.taken) return null;
  const span = Math.max(0, Date.parse(output.time) - Date.parse(input.time));
  const wait = Math.min(span, Math.max(0, Date.parse(output.taken) - Date.parse(input.time)));
  const engine = output.engineMillis == null ? null : Math.min(span - wait, output.engineMillis);
  return { wait, engine, rest: span - wait - (engine || 0) };
}

/** A segment of a bar; its title gives its name and its figure. */
function segment(className, width, title) {
  const span = el('span', { className, style: `width:${width}` });
  if (title) span.title = title;
  return span;
}

/**
 * One bar per stage on the prompt's time axis, from the upload: the gap until its input arrived, then its
 * wait, its engine and the rest (see parts); a failed stage's bar is red, a stage whose time is not split one
 * bar. The figures beside it say the same in words.
 */
function drawWaterfall(prompt, byArtifact) {
  const list = $('waterfall');
  const upload = prompt && byArtifact.get(pipeline.services[0].output);
  if (!upload || upload.state !== 'done') {
    list.replaceChildren(el('li', { className: 'empty', textContent: 'No prompt selected.' }));
    return;
  }
  const start = Date.parse(upload.time);
  const ended = prompt.stages.filter((s) => s.time).map((s) => Date.parse(s.time) - start);
  const total = Math.max(1, ...ended);
  const pct = (ms) => (100 * Math.max(0, ms) / total).toFixed(2) + '%';
  const rows = [];
  pipeline.services.filter((s) => s.input).forEach((service) => {
    const input = byArtifact.get(service.input);
    const output = byArtifact.get(service.output);
    const track = el('span', { className: 'track' });
    track.setAttribute('aria-hidden', 'true');
    let words = 'waiting for ' + service.input;
    if (input && input.state === 'done') {
      const from = Date.parse(input.time) - start;
      const arrived = service.input + ' at +' + seconds(from / 1000);
      track.append(segment('gap', pct(from)));
      if (output && output.time && output.state !== 'pending') {
        const span = Date.parse(output.time) - Date.parse(input.time);
        const split = output.state === 'done' ? parts(input, output) : null;
        const at = service.output + ' at +' + seconds((from + span) / 1000);
        if (output.state === 'failed') {
          track.append(segment('work failed', pct(span), 'failed after ' + duration(span)));
          words = arrived + ', failed after ' + duration(span) + ': ' + output.reason;
        } else if (split) {
          const figures = ['waited ' + duration(split.wait)];
          track.append(segment('wait', pct(split.wait), 'wait ' + duration(split.wait)));
          if (split.engine != null) {
            track.append(segment('engine', pct(split.engine), 'engine ' + duration(split.engine)));
            figures.push('engine ' + duration(split.engine));
          } else {
            figures.push('no engine (made before)');
          }
          track.append(segment('rest', pct(split.rest), 'store ' + duration(split.rest)));
          figures.push('store ' + duration(split.rest));
          words = arrived + ', ' + figures.join(', ') + ', ' + at;
        } else {
          track.append(segment('work done', pct(span), 'took ' + duration(span)));
          words = arrived + ', took ' + duration(span) + ' (not split), ' + at;
        }
      } else {
        track.append(segment('work working', '2px'));
        words = arrived + ', working…';
      }
    }
    const item = el('li', {}, [el('span', { className: 'label', textContent: service.name }), track,
      el('span', { className: 'figures', textContent: words })]);
    item.dataset.service = service.name;
    rows.push(item);
  });
  rows.push(el('li', { className: 'total' }, [el('span', { className: 'label', textContent: 'total' }),
    el('span', { className: 'figures', textContent: seconds(total / 1000) + ' from upload to the last artifact' })]));
  list.replaceChildren(...rows);
}

// ---- the services panel: health, replicas, prompts in flight and input lag, polled from GET /api/services ----

const SERVICES_EVERY_MS = 2500;
// Each service's last health, so that only changes are announced.
const lastHealth = new Map();

function serviceRow(service) {
  const health = el('td', { className: 'health ' + (service.ready ? 'up' : 'down'),
    textContent: service.ready ? 'ready' : 'not ready' });
  if (!service.ready) health.append(el('small', { className: 'why', textContent: service.health }));
  const number = (value, label) => {
    const td = el('td', { className: 'number', textContent: value == null ? '–' : String(value) });
    td.dataset.label = label;
    if (value == null) td.title = 'unknown';
    return td;
  };
  health.dataset.label = 'Health';
  const name = el('th', { scope: 'row', textContent: service.name });
  const tr = el('tr', {}, [name, health, number(service.replicas, 'Replicas'), number(service.inFlight, 'In flight'),
    number(service.lag, 'Input lag' + (service.input ? ' (' + service.input + ')' : ''))]);
  tr.dataset.service = service.name;
  if (service.input) tr.cells[4].title = 'records of ' + service.input + ' not yet taken';
  return tr;
}

async function loadServices() {
  if (document.hidden) return;
  const checked = $('services-checked');
  try {
    const response = await fetch(`${API}/api/services`);
    if (!response.ok) throw new Error(await problem(response));
    const view = await response.json();
    $('services').tBodies[0].replaceChildren(...view.services.map(serviceRow));
    const process = view.deployment === 'monolith' ? 'all in one process (the monolith), ' : '';
    checked.textContent = view.kafkaProblem ? view.kafkaProblem
      : process + 'checked ' + new Date(view.checkedAt).toLocaleTimeString();
    checked.classList.toggle('on', !view.kafkaProblem);
    const changes = view.services.filter((s) => lastHealth.has(s.name) && lastHealth.get(s.name) !== s.ready)
      .map((s) => s.name + (s.ready ? ' is ready' : ' is not ready'));
    view.services.forEach((s) => lastHealth.set(s.name, s.ready));
    if (changes.length) $('services-status').textContent = changes.join('; ');
  } catch (e) {
    checked.textContent = 'cannot check: ' + e.message;
    checked.classList.remove('on');
  }
}

function pollServices() {
  loadServices().finally(() => setTimeout(pollServices, SERVICES_EVERY_MS));
}

/** The table's headings: one column per artifact of the pipeline, then the actions. */
async function loadPipeline() {
  const response = await fetch(`${API}/api/pipeline`);
  if (!response.ok) throw new Error(await problem(response));
  pipeline = await response.json();
  const head = document.querySelector('#prompts thead tr');
  const actions = head.lastElementChild;
  head.replaceChildren(...pipeline.artifacts.map((a) => {
    titles.set(a.name, a.title);
    return el('th', { scope: 'col', textContent: a.title });
  }), actions);
  drawDiagram();
}

pollServices();
loadPipeline().then(listen, (e) => say('Cannot reach the gateway: ' + e.message, true));
