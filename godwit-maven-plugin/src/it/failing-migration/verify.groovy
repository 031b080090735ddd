// The build failed on migration 2 with Godwit's message and next step; migration 1 stayed, 2 left no trace.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('no_such_table')
assert log.contains('2_broken.sql')
assert log.contains('hint:')
assert !new File(basedir, 'target/not-this.db').exists()

def connection = Class.forName('org.sqlite.JDBC').getDeclaredConstructor().newInstance()
        .connect('jdbc:sqlite:' + new File(basedir, 'target/app.db'), new Properties())
try {
    def rs = connection.createStatement().executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'tags'")
    assert rs.next() && rs.getInt(1) == 0
    rs = connection.createStatement().executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'users'")
    assert rs.next() && rs.getInt(1) == 1
} finally {
    connection.close()
}
true
