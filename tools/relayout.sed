s/collabcheck\.errors\b/collabcheck.core.errors/g
s/collabcheck\.bank_text\b/collabcheck.render.questions/g
s/collabcheck\.bank\b/collabcheck.core.bank/g
s/collabcheck\.snapshot\b/collabcheck.core.snapshot/g
s/collabcheck\.sitting\b/collabcheck.core.sitting/g
s/collabcheck\.slug\b/collabcheck.core.slug/g
s/collabcheck\.paths\b/collabcheck.core.paths/g
s/collabcheck\.comparison\b/collabcheck.scoring.results/g
s/collabcheck\.compare\b/collabcheck.scoring.compare/g
s/collabcheck\.suggestion\b/collabcheck.scoring.suggest/g
s/collabcheck\.history_read\b/collabcheck.history.read/g
s/collabcheck\.history_cache\b/collabcheck.history.cache/g
s/collabcheck\.history_render\b/collabcheck.render.history/g
s/collabcheck\.history_cli\b/collabcheck.cli.history/g
s/collabcheck\.history\b\([^._]\|$\)/collabcheck.history.build\1/g
s/collabcheck\.report_render\b/collabcheck.render.report/g
s/collabcheck\.report_cli\b/collabcheck.cli.report/g
s/collabcheck\.validate\b/collabcheck.cli.validate/g
s/collabcheck\.wording\b/collabcheck.render.words/g
s/collabcheck\.tui\.history_screen\b/collabcheck.tui.screens.history/g
s/from collabcheck import paths$/from collabcheck.core import paths/
s/from collabcheck import sitting$/from collabcheck.core import sitting/
s/from collabcheck import wording$/from collabcheck.render import words as wording/
s/from collabcheck import history_read as/from collabcheck.history import read as/
s/from collabcheck import snapshot as/from collabcheck.core import snapshot as/
s/from collabcheck import bank as/from collabcheck.core import bank as/
s/collabcheck\.bank_ideas\b/collabcheck.core.bank_ideas/g
