// A database dbmate migrated to version 1: its schema_migrations table as dbmate creates it, and users.
def file = new File(basedir, 'target/app.db')
file.parentFile.mkdirs()
def connection = Class.forName('org.sqlite.JDBC').getDeclaredConstructor().newInstance()
        .connect('jdbc:sqlite:' + file, new Properties())
try {
    def s = connection.createStatement()
    s.execute('CREATE TABLE IF NOT EXISTS "schema_migrations" (version varchar(128) primary key)')
    s.execute('CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL)')
    s.execute("INSERT INTO schema_migrations (version) VALUES ('1')")
} finally {
    connection.close()
}
true
