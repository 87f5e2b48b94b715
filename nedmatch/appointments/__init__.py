"""The appointments team's side, one blueprint per area, all under /team: vacancies,
organisations and the model (`routes`), the sift (`sift`), the panel (`panel`) and data
requests (`privacy`)."""
