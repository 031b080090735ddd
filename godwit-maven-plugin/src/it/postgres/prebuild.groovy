// A database of its own on the tests' PostgreSQL server (embedded, started in this Maven JVM on first use, or
// GODWIT_TEST_PG_URL), handed to the sample build as user properties (-Dpg.url=... -Dpg.password=...).
import dev.godwit.dialect.postgres.PostgresTestDatabase

def db = PostgresTestDatabase.create()
def userProperties = context.get('userProperties')
userProperties.put('pg.url', db.urlWithoutPassword())
userProperties.put('pg.password', db.password() ?: '')
new File(basedir, 'target').mkdirs()
new File(basedir, 'target/pg.properties').withWriter { w ->
    def p = new Properties()
    p.setProperty('url', db.urlWithoutPassword())
    p.setProperty('password', db.password() ?: '')
    p.store(w, 'the database of this sample build')
}
true
