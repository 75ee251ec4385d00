// Runs an EmbeddedPostgres for tests that need to kill its owner:
//
//   caredesk_embedded_pg_host <data-dir> <log-file>
//
// Starts the cluster from a short-lived thread (the postmaster must survive
// that thread's end and die only with this process), prints
//   postmaster <pid>
//   connection <libpq connection string>
// and waits until stdin closes, then stops the cluster cleanly.

#include "storage/EmbeddedPostgres.h"

#include <exception>
#include <iostream>
#include <string>
#include <thread>

int main(int argc, char **argv) {
    if (argc != 3) {
        std::cerr << "usage: " << argv[0] << " <data-dir> <log-file>\n";
        return 2;
    }
    caredesk::server::EmbeddedPostgresOptions options;
    options.dataDir = argv[1];
    options.logFile = argv[2];
    options.durable = false;
    caredesk::server::EmbeddedPostgres postgres(options);

    std::string failure;
    std::thread starter([&] {
        try {
            postgres.start();
        } catch (const std::exception &e) {
            failure = e.what();
        }
    });
    starter.join();
    if (!failure.empty()) {
        std::cerr << failure << '\n';
        return 1;
    }

    std::cout << "postmaster " << postgres.postmasterPid() << '\n'
              << "connection " << postgres.connectionString() << std::endl;
    for (std::string line; std::getline(std::cin, line);) {
    }
    postgres.stop();
    return 0;
}
