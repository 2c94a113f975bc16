// Keep a background job's page up to date without reloading it; once the work is finished, show the outcome.
// Progressive enhancement only: without this script the page offers a link to refresh it.
const panel = document.querySelector("[data-job-status]");

if (panel) {
  const bar = panel.querySelector("progress");
  const step = panel.querySelector("[data-job-step]");
  const poll = async () => {
    try {
      const response = await fetch(panel.dataset.jobStatus, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const status = await response.json();
        if (status.finished) {
          window.location.reload();
          return;
        }
        if (status.percent === null) {
          bar.removeAttribute("value");
        } else {
          bar.value = status.percent;
        }
        const text = status.step || status.state_text;
        if (step.textContent !== text) {
          step.textContent = text;
        }
      }
    } catch (error) {
      // The connection dropped for a moment: try again on the next tick.
    }
    window.setTimeout(poll, 2000);
  };
  window.setTimeout(poll, 2000);
}
