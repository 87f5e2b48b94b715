// Keeps a job's status page current without reloading it; the page works without this.
const box = document.getElementById('job-status')

async function poll () {
  const response = await fetch(box.dataset.jobUrl, { headers: { Accept: 'application/json' } })
  if (!response.ok) return
  const job = await response.json()
  box.querySelector('[data-field="label"]').textContent = job.label
  box.querySelector('[data-field="step"]').textContent = job.step || 'Waiting to start'
  box.querySelector('[data-field="message"]').textContent = job.message
  const bar = box.querySelector('progress')
  bar.value = job.percent
  bar.textContent = `${job.percent}%`
  if (!job.finished) setTimeout(poll, 1000)
}

if (box) {
  document.querySelectorAll('.app-no-js-only').forEach((el) => { el.hidden = true })
  poll()
}
