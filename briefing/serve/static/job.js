// The narration page: progress from server-sent events; opens the episode when it is ready.
(function () {
  "use strict";
  const job = document.getElementById("job");
  const progress = document.getElementById("progress");
  const phase = document.getElementById("phase");
  const error = document.getElementById("error");
  const events = new EventSource(`/jobs/${job.dataset.id}/events`);
  events.onmessage = (message) => {
    const state = JSON.parse(message.data);
    progress.max = state.total || 1;
    progress.value = state.done;
    phase.textContent = state.total ? `${state.phase}: ${state.done} of ${state.total} segments` : state.phase;
    if (state.status === "failed") {
      error.textContent = state.error;
      error.hidden = false;
      events.close();
    }
    if (state.status === "done") {
      events.close();
      window.location.href = `/episodes/${state.episode.replace(/\.mp3$/, "")}`;
    }
  };
})();
