// up then down one, a baseline into a second history table, repair with nothing to do, a skipped goal, a new file.
def log = new File(basedir, 'build.log').text
assert log =~ /down 2 add email/
assert log =~ /pending\s+2 add email/
assert log.contains('baselined at 1')
assert log =~ /baseline\s+1 /
assert log.contains('nothing to repair')
assert log.contains('godwit: skipped')
assert !new File(basedir, 'target/skipped.db').exists()
def created = new File(basedir, 'migrations').list().findAll { it.contains('add_tags') }
assert created.size() == 1
true
