#include "app/Application.h"
#include "app/ServerConfig.h"

#include <exception>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char **argv) {
    using namespace caredesk::server;
    const std::vector<std::string> args(argv + 1, argv + argc);
    auto load = loadServerConfig(args, currentEnvironment());
    if (!load.config) {
        (load.exitCode == 0 ? std::cout : std::cerr) << load.output;
        return load.exitCode;
    }
    try {
        const bool createAdmin = !load.config->createAdmin.empty();
        const bool verifyAudit = load.config->verifyAudit;
        Application app(std::move(*load.config));
        if (verifyAudit)
            return app.verifyAudit();
        return createAdmin ? app.createAdmin() : app.run();
    } catch (const std::exception &error) {
        std::cerr << "caredesk-server: " << error.what() << "\n";
        return 1;
    }
}
