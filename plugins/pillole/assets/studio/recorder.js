// The recording widget of the pill form (`widget: pillole-recording`): a mentor records the
// screen, the camera, both, or only the voice, with the microphone, then watches the result
// and keeps it or records again. Uploading a file made elsewhere stays possible. The file is
// saved beside index.md (Decap commits it with the pill) and its name becomes `media:`.
//
// Recordings are WebM (VP9/Opus when the browser has it) at the bitrates Pillole's build
// chose (config.json, `recording`), so that a 5-minute screen recording stays near 40 MB;
// the build transcodes them to MP4 for the learners' players.

const VIDEO_TYPES = ['video/webm;codecs=vp9,opus', 'video/webm;codecs=vp8,opus', 'video/webm'];
const AUDIO_TYPES = ['audio/webm;codecs=opus', 'audio/webm'];
const COUNTDOWN = 3;
const MB = 1000 * 1000;

const MODES = {
  screen: { label: 'Schermo e voce', video: 'screen' },
  camera: { label: 'Videocamera e voce', video: 'camera' },
  both: { label: 'Schermo e videocamera', video: 'screen', camera: true },
  audio: { label: 'Solo voce (messaggio vocale)', video: null },
};
/** The start of a recording's file name (the folder already carries the pill's id). */
const FILE_PREFIX = {
  screen: 'schermo', camera: 'videocamera', both: 'schermo', audio: 'voce',
};

/** A file name Decap keeps as it is (it lowercases and replaces other characters). */
function safeFileName(name) {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase().replace(/[^a-z0-9]/g, '') : '';
  const clean = stem.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '') || 'registrazione';
  return ext ? `${clean}.${ext}` : clean;
}

function formatSize(bytes) {
  if (bytes < MB) return `${Math.max(1, Math.round(bytes / 1000))} kB`;
  return `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0).replace('.', ',')} MB`;
}

function formatTime(seconds) {
  const s = Math.floor(seconds);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** Bits per second of a recording in `mode`. */
function bitrate(mode, rates) {
  const spec = MODES[mode];
  const video = spec.video === 'screen' ? rates.screen_bps : spec.video === 'camera' ? rates.camera_bps : 0;
  return video + rates.audio_bps;
}

function stamp(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

/** Phones and tablets cannot share their screen: they get the camera and the voice only. */
function availableModes() {
  const screen = Boolean(navigator.mediaDevices && navigator.mediaDevices.getDisplayMedia);
  return Object.keys(MODES).filter((key) => screen || MODES[key].video !== 'screen');
}

export function registerRecorder(CMS, data) {
  const { h, createClass } = window;
  const maxBytes = data.max_media_mb * MB;
  const tooBig = (bytes) => `Il file è di ${formatSize(bytes)}, oltre il limite di ${data.max_media_mb} MB. `
    + 'Registra pillole più brevi (3-5 minuti): se l\'argomento è lungo, dividilo in più pillole.';

  const Recorder = createClass({
    getInitialState() {
      return { phase: 'idle', mode: availableModes()[0], count: 0, elapsed: 0, bytes: 0, level: 0,
        url: null, blob: null, error: null, notice: null, showSaved: false };
    },

    componentWillUnmount() {
      this.release();
      if (this.state.url) URL.revokeObjectURL(this.state.url);
    },

    isValid() {
      const { phase, blob } = this.state;
      if (phase === 'countdown' || phase === 'recording' || phase === 'paused') {
        return { error: { type: 'CUSTOM', message: 'Registrazione: termina la registrazione prima di salvare' } };
      }
      if (phase === 'review' && blob) {
        return { error: { type: 'CUSTOM', message: 'Registrazione: scegli «Usa questa registrazione» oppure «Registra di nuovo»' } };
      }
      return true;
    },

    // --- capture ------------------------------------------------------------------------

    async acquire(mode) {
      const spec = MODES[mode];
      const devices = navigator.mediaDevices;
      const tracks = [];
      this.streams = [];
      const microphone = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
      if (spec.video === 'screen') {
        const screen = await devices.getDisplayMedia({
          video: { frameRate: { ideal: 24, max: 30 }, width: { max: 1920 }, height: { max: 1080 } }, audio: false });
        this.streams.push(screen);
        tracks.push(...screen.getVideoTracks());
        screen.getVideoTracks()[0].addEventListener('ended', () => this.stop());
      }
      const wantsCamera = spec.video === 'camera' || spec.camera;
      const user = await devices.getUserMedia({
        audio: microphone,
        video: wantsCamera ? { width: { ideal: 1280 }, height: { ideal: 720 } } : false });
      this.streams.push(user);
      if (spec.video === 'camera') tracks.push(...user.getVideoTracks());
      tracks.push(...user.getAudioTracks());
      if (spec.camera) await this.showCameraBubble(new MediaStream(user.getVideoTracks()));
      this.meter(new MediaStream(user.getAudioTracks()));
      return new MediaStream(tracks);
    },

    /** Screen and camera: the camera plays in a picture-in-picture window, which a capture
     *  of the whole screen records with everything else (as the meeting tools do). */
    async showCameraBubble(stream) {
      const video = document.createElement('video');
      video.muted = true;
      video.srcObject = stream;
      this.bubble = video;
      try {
        await video.play();
        if (document.pictureInPictureEnabled) await video.requestPictureInPicture();
      } catch (error) {
        this.setState({ notice: 'La finestra della videocamera non si è aperta: la registrazione conterrà solo lo schermo.' });
      }
    },

    meter(stream) {
      const Context = window.AudioContext || window.webkitAudioContext;
      if (!Context) return;
      this.audio = new Context();
      const analyser = this.audio.createAnalyser();
      analyser.fftSize = 1024;
      this.audio.createMediaStreamSource(stream).connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      const tick = () => {
        if (!this.audio) return;
        analyser.getFloatTimeDomainData(samples);
        let sum = 0;
        for (const s of samples) sum += s * s;
        const level = Math.min(1, Math.sqrt(sum / samples.length) * 4);
        if (Math.abs(level - this.state.level) > 0.02) this.setState({ level });
        this.frame = requestAnimationFrame(tick);
      };
      tick();
    },

    release() {
      clearInterval(this.timer);
      clearInterval(this.clock);
      cancelAnimationFrame(this.frame);
      for (const stream of this.streams || []) stream.getTracks().forEach((t) => t.stop());
      this.streams = [];
      if (this.audio) this.audio.close();
      this.audio = null;
      if (this.bubble && document.pictureInPictureElement === this.bubble) {
        document.exitPictureInPicture().catch(() => {});
      }
      this.bubble = null;
    },

    async begin() {
      const { mode } = this.state;
      this.setState({ error: null, notice: null });
      let stream;
      try {
        stream = await this.acquire(mode);
      } catch (error) {
        this.release();
        const denied = error && (error.name === 'NotAllowedError' || error.name === 'SecurityError');
        this.setState({ error: denied
          ? 'Il browser non ha il permesso di usare lo schermo, la videocamera o il microfono: consentilo e riprova.'
          : `Non riesco a iniziare la registrazione (${error && error.message}).` });
        return;
      }
      this.stream = stream;
      this.setState({ phase: 'countdown', count: COUNTDOWN });
      this.timer = setInterval(() => {
        const count = this.state.count - 1;
        if (count > 0) {
          this.setState({ count });
        } else {
          clearInterval(this.timer);
          this.record();
        }
      }, 1000);
    },

    record() {
      const audioOnly = !MODES[this.state.mode].video;
      const types = audioOnly ? AUDIO_TYPES : VIDEO_TYPES;
      const mimeType = types.find((t) => window.MediaRecorder && MediaRecorder.isTypeSupported(t)) || '';
      const rates = data.recording;
      const videoBps = MODES[this.state.mode].video === 'camera' ? rates.camera_bps : rates.screen_bps;
      const recorder = new MediaRecorder(this.stream, {
        mimeType, audioBitsPerSecond: rates.audio_bps, ...(audioOnly ? {} : { videoBitsPerSecond: videoBps }) });
      this.chunks = [];
      this.recorded = 0; // seconds before the current stretch (pauses excluded)
      this.since = performance.now();
      recorder.ondataavailable = (event) => {
        if (event.data && event.data.size) {
          this.chunks.push(event.data);
          this.setState({ bytes: this.state.bytes + event.data.size });
        }
      };
      recorder.onstop = () => this.finish(recorder.mimeType || mimeType);
      this.recorder = recorder;
      recorder.start(1000);
      this.setState({ phase: 'recording', bytes: 0, elapsed: 0 });
      this.clock = setInterval(() => this.setState({ elapsed: this.elapsedNow() }), 250);
    },

    elapsedNow() {
      return this.recorded + (this.state.phase === 'recording' ? (performance.now() - this.since) / 1000 : 0);
    },

    pause() {
      if (!this.recorder || this.recorder.state !== 'recording') return;
      this.recorder.pause();
      this.recorded = this.elapsedNow();
      this.setState({ phase: 'paused', elapsed: this.recorded });
    },

    resume() {
      if (!this.recorder || this.recorder.state !== 'paused') return;
      this.recorder.resume();
      this.since = performance.now();
      this.setState({ phase: 'recording' });
    },

    stop() {
      if (this.state.phase === 'countdown') {
        this.release();
        this.setState({ phase: 'idle' });
        return;
      }
      if (this.recorder && this.recorder.state !== 'inactive') {
        this.recorded = this.elapsedNow();
        this.recorder.stop();
      }
    },

    finish(mimeType) {
      this.release();
      const blob = new Blob(this.chunks, { type: mimeType.split(';')[0] || 'video/webm' });
      this.chunks = [];
      this.recorder = null;
      const url = URL.createObjectURL(blob);
      this.setState({ phase: 'review', blob, url, bytes: blob.size, elapsed: this.recorded,
        error: blob.size > maxBytes ? tooBig(blob.size) : null });
    },

    retake() {
      if (this.state.url) URL.revokeObjectURL(this.state.url);
      this.setState({ phase: 'idle', blob: null, url: null, bytes: 0, elapsed: 0, error: null });
    },

    // --- saving into the pill's folder ------------------------------------------------------

    async keep(file) {
      if (file.size > maxBytes) {
        this.setState({ error: tooBig(file.size) });
        return;
      }
      this.setState({ phase: 'saving', error: null });
      await this.props.onPersistMedia(file, { field: this.props.field });
      this.props.onChange(file.name);
      if (this.state.url) URL.revokeObjectURL(this.state.url);
      this.setState({ phase: 'idle', blob: null, url: null, showSaved: false,
        notice: `Registrazione pronta: ${file.name}. Sarà salvata con la pillola.` });
    },

    useRecording() {
      const { blob, mode } = this.state;
      this.keep(new File([blob], `${FILE_PREFIX[mode]}-${stamp(new Date())}.webm`, { type: blob.type }));
    },

    upload(event) {
      const chosen = event.target.files && event.target.files[0];
      event.target.value = '';
      if (!chosen) return;
      this.keep(new File([chosen], safeFileName(chosen.name), { type: chosen.type }));
    },

    remove() {
      this.props.onChange('');
      this.setState({ notice: null, showSaved: false });
    },

    // --- view ---------------------------------------------------------------------------------

    button(label, onClick, extra = {}) {
      return h('button', { type: 'button', className: 'pillole-rec-button', onClick, ...extra }, label);
    },

    renderIdle() {
      const { mode } = this.state;
      const { value, forID } = this.props;
      const estimate = bitrate(mode, data.recording) / 8 * 300;
      const savedAsset = value && this.state.showSaved ? this.props.getAsset(value, this.props.field) : null;
      return h('div', null,
        value ? h('div', { className: 'pillole-rec-current' },
          h('p', null, 'File attuale: ', h('strong', null, value)),
          savedAsset && String(savedAsset) ? h(/\.(m4a|mp3|wav|ogg|opus|weba)$/i.test(value) ? 'audio' : 'video',
            { src: String(savedAsset), controls: true, className: 'pillole-rec-player' }) : null,
          h('div', { className: 'pillole-rec-actions' },
            this.state.showSaved ? null : this.button('Guarda la registrazione', () => this.setState({ showSaved: true })),
            this.button('Togli la registrazione', this.remove))) : null,
        h('fieldset', { className: 'pillole-rec-modes' },
          h('legend', null, value ? 'Registra di nuovo' : 'Che cosa vuoi registrare?'),
          ...availableModes().map((key) => [key, MODES[key]]).map(([key, spec]) => h('label', { key, className: 'pillole-rec-mode' },
            h('input', { type: 'radio', name: `${forID}-mode`, value: key, checked: mode === key,
              onChange: () => this.setState({ mode: key }) }),
            ` ${spec.label}`))),
        h('p', { className: 'pillole-rec-hint' },
          `Stima: circa ${formatSize(estimate)} ogni 5 minuti. `,
          MODES[mode].camera ? 'Condividi lo schermo intero: la videocamera compare in una finestrella che viene registrata con lo schermo. ' : '',
          'Dopo il conto alla rovescia parla pure: puoi mettere in pausa e riprendere.'),
        h('div', { className: 'pillole-rec-actions' },
          this.button('Inizia a registrare', this.begin, { className: 'pillole-rec-button pillole-rec-primary' }),
          h('label', { className: 'pillole-rec-button pillole-rec-upload' }, 'Carica un file…',
            h('input', { type: 'file', accept: 'video/*,audio/*,.mp4,.mov,.webm,.m4a,.mp3,.wav',
              className: 'pillole-rec-file', onChange: this.upload }))));
    },

    renderLive() {
      const { phase, count, elapsed, bytes, level, mode } = this.state;
      const perFiveMinutes = elapsed > 2 ? bytes / elapsed * 300 : bitrate(mode, data.recording) / 8 * 300;
      if (phase === 'countdown') {
        return h('div', { className: 'pillole-rec-live' },
          h('p', { className: 'pillole-rec-count', role: 'status', 'aria-live': 'assertive' }, `Si parte tra ${count}…`),
          this.button('Annulla', this.stop));
      }
      return h('div', { className: 'pillole-rec-live' },
        h('p', { role: 'status', className: 'pillole-rec-status' },
          phase === 'paused' ? 'In pausa' : '● Registrazione in corso', ` ${formatTime(elapsed)}`),
        h('label', { className: 'pillole-rec-level' }, 'Microfono ',
          h('meter', { min: 0, max: 1, low: 0.05, high: 0.9, optimum: 0.4, value: level })),
        h('p', { className: 'pillole-rec-size' },
          `${formatSize(bytes)} finora · circa ${formatSize(perFiveMinutes)} ogni 5 minuti`),
        h('div', { className: 'pillole-rec-actions' },
          phase === 'paused' ? this.button('Riprendi', this.resume) : this.button('Pausa', this.pause),
          this.button('Termina', this.stop, { className: 'pillole-rec-button pillole-rec-primary' })));
    },

    renderReview() {
      const { url, blob, elapsed, mode } = this.state;
      return h('div', { className: 'pillole-rec-review' },
        h(MODES[mode].video ? 'video' : 'audio', { src: url, controls: true, className: 'pillole-rec-player' }),
        h('p', null, `Durata ${formatTime(elapsed)} · ${formatSize(blob.size)}`),
        h('div', { className: 'pillole-rec-actions' },
          this.button('Usa questa registrazione', this.useRecording,
            { className: 'pillole-rec-button pillole-rec-primary', disabled: blob.size > maxBytes }),
          this.button('Registra di nuovo', this.retake)));
    },

    render() {
      const { phase, error, notice } = this.state;
      const body = phase === 'review' ? this.renderReview()
        : phase === 'countdown' || phase === 'recording' || phase === 'paused' ? this.renderLive()
          : phase === 'saving' ? h('p', { role: 'status' }, 'Preparo il file…')
            : this.renderIdle();
      // The field's label points at this container (not at a button, whose name it would take).
      return h('div', { id: this.props.forID, tabIndex: -1, className: `${this.props.classNameWrapper} pillole-rec` },
        body,
        error ? h('p', { className: 'pillole-rec-error', role: 'alert' }, error) : null,
        notice ? h('p', { className: 'pillole-rec-notice', role: 'status' }, notice) : null);
    },
  });

  const Preview = createClass({
    render() {
      return h('p', null, this.props.value || '');
    },
  });

  CMS.registerWidget('pillole-recording', Recorder, Preview);
}
