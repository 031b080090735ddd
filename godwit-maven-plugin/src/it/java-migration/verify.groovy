// The Java migration ran in order between the SQL migrations and is recorded as java; status marks it.
def log = new File(basedir, 'build.log').text
assert log.contains('3 migration(s) done')
assert log =~ /applied\s+2 create tasks \(java\)/

def connection = Class.forName('org.sqlite.JDBC').getDeclaredConstructor().newInstance()
        .connect('jdbc:sqlite:' + new File(basedir, 'target/app.db'), new Properties())
try {
    def rows = []
    def rs = connection.createStatement().executeQuery('SELECT version, script FROM godwit_history ORDER BY version')
    while (rs.next()) rows << rs.getString(1) + ' ' + rs.getString(2)
    assert rows.size() == 3
    assert rows[1] == '2 java:com.example.db.V2__Create_tasks'
    rs = connection.createStatement().executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'tasks_owner'")
    assert rs.next() && rs.getInt(1) == 1
} finally {
    connection.close()
}
true
