// The episode page: speed, chapters that seek, and the transcript following the audio.
(function () {
  "use strict";
  const player = document.getElementById("player");
  const cues = Array.from(document.querySelectorAll("#transcript .cue"));
  const speed = document.getElementById("speed");
  let current = null;

  speed.addEventListener("change", () => { player.playbackRate = Number(speed.value); });

  function seek(ms) {
    player.currentTime = ms / 1000;
    if (player.paused) { player.play().catch(() => {}); }
  }
  document.querySelectorAll(".chapters button, #transcript .cue").forEach((element) => {
    element.addEventListener("click", () => seek(Number(element.dataset.start)));
  });

  player.addEventListener("timeupdate", () => {
    const ms = player.currentTime * 1000;
    const cue = cues.find((c) => ms >= Number(c.dataset.start) && ms < Number(c.dataset.end));
    if (cue === current) { return; }
    if (current) { current.classList.remove("speaking"); }
    current = cue || null;
    if (current) {
      current.classList.add("speaking");
      current.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  });
})();
