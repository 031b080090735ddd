// Two migrations applied into target/app.db, recorded in the configured history table; status listed both.
def log = new File(basedir, 'build.log').text
assert log.contains('2 migration(s) done')
assert log =~ /applied\s+1 create users/
assert log =~ /applied\s+2 add email/
assert log.contains('valid: history matches the migrations')

def connection = Class.forName('org.sqlite.JDBC').getDeclaredConstructor().newInstance()
        .connect('jdbc:sqlite:' + new File(basedir, 'target/app.db'), new Properties())
try {
    def rows = []
    def rs = connection.createStatement().executeQuery('SELECT version FROM app_history ORDER BY version')
    while (rs.next()) rows << rs.getString(1)
    assert rows == ['1', '2']
    rs = connection.createStatement().executeQuery("SELECT count(*) FROM pragma_table_info('users') WHERE name = 'email'")
    assert rs.next() && rs.getInt(1) == 1
} finally {
    connection.close()
}
true
