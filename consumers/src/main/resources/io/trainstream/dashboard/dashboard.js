/*
 * trainstream dashboard: fills the server's page shells from the JSON API and the server-sent
 * event streams. Every text that comes from a run (names, metric names, config, event fields) is
 * written with textContent or as a DOM property, never parsed as HTML.
 */
(function () {
  'use strict';

  var COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
  var MAX_EVENTS_SHOWN = 200;
  var REDRAW_MS = 100;

  // ---- small helpers ------------------------------------------------------------------------

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    if (className) {
      e.className = className;
    }
    return e;
  }

  /** A finite number, or null: the API writes NaN and infinities as strings, uPlot wants gaps. */
  function num(v) {
    var n = typeof v === 'number' ? v : Number(v);
    return Number.isFinite(n) ? n : null;
  }

  function fmtTime(ms) {
    return ms === null || ms === undefined ? '' : new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
  }

  function runPath(id) {
    return '/runs/' + encodeURIComponent(id);
  }

  function apiRunPath(id) {
    return '/api/runs/' + encodeURIComponent(id);
  }

  function getJson(path) {
    return fetch(path, {headers: {Accept: 'application/json'}}).then(function (r) {
      return r.ok ? r.json() : null;
    });
  }

  function statusBadge(status) {
    var s = String(status || 'UNKNOWN');
    return el('span', s.toLowerCase(), 'status status-' + s.toLowerCase().replace(/[^a-z]/g, ''));
  }

  function fillKv(tableId, map) {
    var tbody = document.getElementById(tableId).tBodies[0];
    var rows = [];
    Object.keys(map || {}).forEach(function (key) {
      var tr = el('tr');
      tr.appendChild(el('th', key));
      tr.appendChild(el('td', map[key]));
      rows.push(tr);
    });
    tbody.replaceChildren.apply(tbody, rows);
  }

  // ---- charts -------------------------------------------------------------------------------

  function chartWidth(container) {
    return Math.max(320, (container.clientWidth || 800) - 8);
  }

  function newPlot(container, xLabel, labels, data) {
    var series = [{label: xLabel}];
    labels.forEach(function (label, i) {
      series.push({label: label, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true});
    });
    var opts = {
      width: chartWidth(container),
      height: 240,
      scales: {x: {time: false}},
      axes: [{label: xLabel}, {}],
      series: series
    };
    return new uPlot(opts, data, container);
  }

  /**
   * One live series (x, y) drawn by uPlot, redrawn at most every REDRAW_MS. Keeps the container's
   * data-points attribute equal to the number of points drawn. A capacity > 0 makes it halve like
   * the server's step series (drop every second point when full).
   */
  function LiveChart(container, xLabel, label) {
    this.container = container;
    this.xs = [];
    this.ys = [];
    this.capacity = 0;
    this.pending = false;
    this.plot = newPlot(container, xLabel, [label], [[], []]);
  }

  LiveChart.prototype.reset = function (xs, ys, capacity) {
    this.xs = Array.prototype.slice.call(xs || []);
    this.ys = Array.prototype.map.call(ys || [], num);
    this.capacity = capacity || 0;
    this.schedule();
  };

  LiveChart.prototype.push = function (x, y) {
    if (this.capacity > 0 && this.xs.length >= this.capacity) {
      this.xs = this.xs.filter(function (_, i) { return i % 2 === 0; });
      this.ys = this.ys.filter(function (_, i) { return i % 2 === 0; });
    }
    this.xs.push(x);
    this.ys.push(num(y));
    this.schedule();
  };

  LiveChart.prototype.schedule = function () {
    var self = this;
    if (self.pending) {
      return;
    }
    self.pending = true;
    setTimeout(function () {
      self.pending = false;
      self.plot.setData([self.xs, self.ys]);
      self.container.setAttribute('data-points', String(self.xs.length));
    }, REDRAW_MS);
  };

  /** A titled chart for one metric, appended to a parent. */
  function metricChart(parent, name, xLabel) {
    var box = el('div', null, 'metric');
    box.appendChild(el('h3', name));
    var holder = el('div', null, 'chart');
    holder.setAttribute('data-points', '0');
    box.appendChild(holder);
    parent.appendChild(box);
    return new LiveChart(holder, xLabel, name);
  }

  // ---- runs page ----------------------------------------------------------------------------

  function runsPage() {
    var runs = new Map();
    var selected = new Set();
    var tbody = document.getElementById('runs-table').tBodies[0];
    var button = document.getElementById('compare-button');

    button.addEventListener('click', function () {
      var ids = Array.from(selected).map(encodeURIComponent).join(',');
      window.location.href = '/compare?runs=' + ids;
    });

    function row(run) {
      var tr = el('tr');
      tr.setAttribute('data-run-row', '');
      var box = el('input');
      box.type = 'checkbox';
      box.checked = selected.has(run.id);
      box.addEventListener('change', function () {
        if (box.checked) {
          selected.add(run.id);
        } else {
          selected.delete(run.id);
        }
        button.disabled = selected.size < 1;
      });
      var pick = el('td');
      pick.appendChild(box);
      tr.appendChild(pick);
      var name = el('td');
      var link = el('a', run.name || run.id, 'run-name');
      link.href = runPath(run.id);
      name.appendChild(link);
      tr.appendChild(name);
      tr.appendChild(el('td', run.id, 'mono'));
      var status = el('td');
      status.appendChild(statusBadge(run.status));
      tr.appendChild(status);
      tr.appendChild(el('td', run.kind || ''));
      tr.appendChild(el('td', fmtTime(run.startedAtMs)));
      tr.appendChild(el('td', run.epoch));
      tr.appendChild(el('td', run.globalStep));
      tr.appendChild(el('td', run.events));
      return tr;
    }

    var renderPending = false;

    /** Redraws the table at most every 250 ms however fast summaries arrive. */
    function scheduleRender() {
      if (!renderPending) {
        renderPending = true;
        setTimeout(function () {
          renderPending = false;
          render();
        }, 250);
      }
    }

    function render() {
      var list = Array.from(runs.values()).sort(function (a, b) {
        return b.startedAtMs - a.startedAtMs || (a.id < b.id ? -1 : 1);
      });
      tbody.replaceChildren.apply(tbody, list.map(row));
      document.getElementById('runs-empty').hidden = list.length > 0;
    }

    var source = new EventSource('/api/stream');
    source.addEventListener('runs', function (e) {
      JSON.parse(e.data).runs.forEach(function (r) { runs.set(r.id, r); });
      scheduleRender();
    });
  }

  // ---- run page -----------------------------------------------------------------------------

  function runPage() {
    var runId = document.body.dataset.runId;
    var loss = new LiveChart(document.getElementById('loss-chart'), 'step', 'train loss');
    var metricsBox = document.getElementById('metric-charts');
    var metrics = new Map();
    var events = [];
    var eventsPending = false;
    var detailLoaded = false;

    function metric(name) {
      var chart = metrics.get(name);
      if (!chart) {
        chart = metricChart(metricsBox, name, 'epoch');
        metrics.set(name, chart);
      }
      return chart;
    }

    function showRun(info) {
      if (!info) {
        return;
      }
      document.getElementById('run-title').textContent = info.name || info.id;
      document.title = (info.name || info.id) + ' · trainstream';
      var status = document.getElementById('run-status');
      status.replaceChildren(statusBadge(info.status));
      if (info.reason) {
        status.appendChild(el('span', ' ' + info.reason));
      }
      document.getElementById('run-progress').textContent =
        'epoch ' + info.epoch + ', global step ' + info.globalStep + ', ' + info.events + ' events' +
        (info.missingEvents ? ', ' + info.missingEvents + ' missing' : '');
    }

    function showDetail(detail) {
      if (!detail) {
        return;
      }
      detailLoaded = Object.keys(detail.config || {}).length > 0;
      showRun(detail.run);
      fillKv('config-table', detail.config);
      fillKv('hyper-table', detail.hyperparameters);
      fillKv('provenance-table', detail.provenance);
    }

    function eventRow(ev) {
      var tr = el('tr');
      tr.appendChild(el('td', ev.seq));
      tr.appendChild(el('td', ev.time));
      tr.appendChild(el('td', ev.event));
      tr.appendChild(el('td', ev.epoch));
      tr.appendChild(el('td', ev.global_step));
      tr.appendChild(el('td', ev.step === undefined ? '' : ev.step));
      var payload = ev.payload === undefined ? '' : JSON.stringify(ev.payload);
      tr.appendChild(el('td', payload.length > 300 ? payload.slice(0, 300) + '…' : payload, 'mono payload'));
      return tr;
    }

    function renderEvents() {
      if (eventsPending) {
        return;
      }
      eventsPending = true;
      setTimeout(function () {
        eventsPending = false;
        var tbody = document.getElementById('events-table').tBodies[0];
        tbody.replaceChildren.apply(tbody, events.slice().reverse().map(eventRow));
      }, 250);
    }

    function applySnapshot(msg) {
      metrics.forEach(function (c) { c.reset([], [], 0); });
      if (msg.run) {
        showDetail(msg.run);
      }
      if (msg.metrics) {
        var tl = msg.metrics.trainLoss;
        loss.reset(tl.steps, tl.loss, tl.capacity);
        Object.keys(msg.metrics.metrics).forEach(function (name) {
          var m = msg.metrics.metrics[name];
          metric(name).reset(m.epochs, m.values, 0);
        });
      }
      events = (msg.events || []).slice(-MAX_EVENTS_SHOWN);
      renderEvents();
    }

    function applyUpdate(msg) {
      showRun(msg.run);
      msg.items.forEach(function (item) {
        if (item.step) {
          loss.push(item.step.step, item.step.loss);
        }
        if (item.metric) {
          metric(item.metric.name).push(item.metric.epoch, item.metric.value);
        }
        if (item.event) {
          events.push(item.event);
          if (item.event.event === 'run_start' || (!detailLoaded && item.event.event === 'run_end')) {
            getJson(apiRunPath(runId)).then(showDetail);
          }
        }
      });
      if (events.length > MAX_EVENTS_SHOWN) {
        events = events.slice(-MAX_EVENTS_SHOWN);
      }
      renderEvents();
    }

    function connect() {
      var state = document.getElementById('stream-state');
      var source = new EventSource(apiRunPath(runId) + '/stream');
      source.addEventListener('snapshot', function (e) { applySnapshot(JSON.parse(e.data)); });
      source.addEventListener('update', function (e) { applyUpdate(JSON.parse(e.data)); });
      source.addEventListener('resync', function () {
        source.close();
        setTimeout(connect, 500);
      });
      source.onopen = function () { state.textContent = 'live'; };
      source.onerror = function () { state.textContent = 'reconnecting'; };
    }

    connect();
  }

  // ---- compare page -------------------------------------------------------------------------

  function comparePage() {
    var ids = (new URLSearchParams(window.location.search).get('runs') || '')
      .split(',').map(function (s) { return s.trim(); }).filter(function (s) { return s.length > 0; });
    var lossHolder = document.getElementById('compare-loss');
    var metricsBox = document.getElementById('compare-metrics');
    var charts = new Map();

    /** Draws tables [[xs, ys], ...] overlaid on one x axis, recreating the plot if the runs changed. */
    function draw(key, holder, xLabel, labels, tables) {
      var data = tables.length > 1 ? uPlot.join(tables) : (tables[0] || [[]]);
      var signature = labels.join('\u0000');
      var entry = charts.get(key);
      if (entry && entry.signature === signature) {
        entry.plot.setData(data);
      } else {
        if (entry) {
          entry.plot.destroy();
        }
        charts.set(key, {signature: signature, plot: newPlot(holder, xLabel, labels, data)});
      }
      holder.setAttribute('data-points', String(data[0].length));
    }

    function metricHolder(name) {
      var key = 'holder:' + name;
      var holder = charts.get(key);
      if (!holder) {
        var box = el('div', null, 'metric');
        box.appendChild(el('h3', name));
        holder = el('div', null, 'chart');
        box.appendChild(holder);
        metricsBox.appendChild(box);
        charts.set(key, holder);
      }
      return holder;
    }

    function refresh() {
      Promise.all(ids.map(function (id) {
        return Promise.all([getJson(apiRunPath(id)), getJson(apiRunPath(id) + '/metrics')]);
      })).then(function (results) {
        var known = results.filter(function (r) { return r[0] && r[1]; });
        var labels = known.map(function (r) { return r[0].run.name || r[0].run.id; });
        draw('loss', lossHolder, 'step', labels, known.map(function (r) {
          return [r[1].trainLoss.steps, r[1].trainLoss.loss.map(num)];
        }));
        var names = [];
        known.forEach(function (r) {
          Object.keys(r[1].metrics).forEach(function (n) {
            if (names.indexOf(n) < 0) {
              names.push(n);
            }
          });
        });
        names.forEach(function (name) {
          draw('metric:' + name, metricHolder(name), 'epoch', labels, known.map(function (r) {
            var m = r[1].metrics[name] || {epochs: [], values: []};
            return [m.epochs, m.values.map(num)];
          }));
        });
      });
    }

    refresh();
    setInterval(refresh, 3000);
  }

  // ---- entry --------------------------------------------------------------------------------

  var pages = {runs: runsPage, run: runPage, compare: comparePage};
  var start = pages[document.body.dataset.page];
  if (start) {
    start();
  }
}());
