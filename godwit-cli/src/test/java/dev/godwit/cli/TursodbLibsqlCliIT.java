package dev.godwit.cli;

import dev.godwit.dialect.libsql.LibsqlServers;

/** The CLI against {@code tursodb --sync-server}: one shared connection, no close, affected rows always 0. */
class TursodbLibsqlCliIT extends LibsqlCliContract {
    @Override
    LibsqlServers.Kind kind() {
        return LibsqlServers.Kind.TURSODB;
    }
}
