// Both migrations applied on PostgreSQL and recorded in the configured history table; status and validate agreed.
def log = new File(basedir, 'build.log').text
assert log.contains('2 migration(s) done')
assert log =~ /applied\s+1 create users/
assert log =~ /applied\s+2 add email/
assert log.contains('valid: history matches the migrations')

def settings = new Properties()
new File(basedir, 'target/pg.properties').withReader { settings.load(it) }
def url = settings.getProperty('url')              // postgres://user@host:port/db
def m = url =~ /^postgres(?:ql)?:\/\/([^@]+)@([^\/]+)\/(.+)$/
assert m.matches()
def props = new Properties()
props.setProperty('user', m.group(1))
props.setProperty('password', settings.getProperty('password'))
def connection = new org.postgresql.Driver().connect("jdbc:postgresql://${m.group(2)}/${m.group(3)}", props)
try {
    def rows = []
    def rs = connection.createStatement().executeQuery('SELECT version FROM app_history ORDER BY version')
    while (rs.next()) rows << rs.getString(1)
    assert rows == ['1', '2']
    rs = connection.createStatement().executeQuery(
            "SELECT count(*) FROM pg_indexes WHERE tablename = 'users' AND indexname = 'users_email'")
    assert rs.next() && rs.getInt(1) == 1
} finally {
    connection.close()
}
true
