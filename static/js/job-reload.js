// When a job finishes, reload its page so that the page can offer the download link.
// (A file of its own rather than inline: the Content-Security-Policy allows no inline script.)
const box = document.getElementById('job-status')

async function check () {
  const response = await fetch(box.dataset.jobUrl, { headers: { Accept: 'application/json' } })
  if (response.ok && (await response.json()).finished) {
    window.location.reload()
    return
  }
  setTimeout(check, 1000)
}

if (box) setTimeout(check, 1000)
