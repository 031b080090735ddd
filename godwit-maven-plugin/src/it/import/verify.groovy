// 1 imported from dbmate's table (left as it was), 2 applied by up; users has the email column.
def log = new File(basedir, 'build.log').text
assert log.contains("imported 1 migration(s) from dbmate's schema_migrations")
assert log.contains('1 migration(s) done')

def connection = Class.forName('org.sqlite.JDBC').getDeclaredConstructor().newInstance()
        .connect('jdbc:sqlite:' + new File(basedir, 'target/app.db'), new Properties())
try {
    def rows = []
    def rs = connection.createStatement().executeQuery('SELECT version, note FROM godwit_history ORDER BY version')
    while (rs.next()) rows << [rs.getString(1), rs.getString(2)]
    assert rows.collect { it[0] } == ['1', '2']
    assert rows[0][1].startsWith('imported from dbmate')
    rs = connection.createStatement().executeQuery('SELECT group_concat(version) FROM schema_migrations')
    assert rs.next() && rs.getString(1) == '1'
    rs = connection.createStatement().executeQuery("SELECT count(*) FROM pragma_table_info('users') WHERE name = 'email'")
    assert rs.next() && rs.getInt(1) == 1
} finally {
    connection.close()
}
true
