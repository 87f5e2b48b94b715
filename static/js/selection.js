// The ranked list's ticks: "Select all" for each group, a running count, and the selection
// carried into the paging and filter links so that moving between pages loses no tick.
// Without JavaScript every row is still ticked on its own and the server keeps the ticks
// that came in the link.

for (const form of document.querySelectorAll('form[data-app-selection]')) {
  const boxes = () => [...form.querySelectorAll('input[name="application_ids"][type="checkbox"]')]
  const elsewhere = () =>
    [...form.querySelectorAll('input[name="application_ids"][type="hidden"]')].map((i) => i.value)
  const count = document.querySelector('[data-app-selected-live]')

  const selected = () => [...elsewhere(), ...boxes().filter((b) => b.checked).map((b) => b.value)]

  const carry = () => {
    const ids = selected()
    for (const link of document.querySelectorAll('.nhsuk-pagination a[href]')) {
      const url = new URL(link.href, window.location.href)
      url.searchParams.delete('selected')
      ids.forEach((id) => url.searchParams.append('selected', id))
      link.href = url.pathname + url.search
    }
    for (const filters of document.querySelectorAll('form.app-filters')) {
      filters.querySelectorAll('input[name="selected"]').forEach((i) => i.remove())
      for (const id of ids) {
        const input = document.createElement('input')
        Object.assign(input, { type: 'hidden', name: 'selected', value: id })
        filters.append(input)
      }
    }
    if (count) count.textContent = ids.length ? `${ids.length} selected` : ''
  }

  const sync = (table) => {
    const all = table.querySelector('[data-app-select-all]')
    const rows = [...table.querySelectorAll('tbody input[name="application_ids"]')]
    const ticked = rows.filter((b) => b.checked).length
    all.checked = ticked > 0 && ticked === rows.length
    all.indeterminate = ticked > 0 && ticked < rows.length
  }

  for (const table of form.querySelectorAll('table')) {
    const all = table.querySelector('[data-app-select-all]')
    if (!all) continue
    all.closest('.app-select-all').hidden = false
    table.querySelector('.app-select-label')?.remove()
    all.addEventListener('change', () => {
      table.querySelectorAll('tbody input[name="application_ids"]').forEach((b) => {
        b.checked = all.checked
      })
      carry()
    })
    table.addEventListener('change', (event) => {
      if (event.target.name === 'application_ids') {
        sync(table)
        carry()
      }
    })
    sync(table)
  }
  carry()
}
