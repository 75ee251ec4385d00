// Chat delivery under load: a real caredesk-server process on its own
// PostgreSQL, thousands of patient and staff WebSockets, a steady stream of
// messages; reports the delivery latency, what the server and PostgreSQL
// spent, and pgbench's rate for the same statements on the same database.
//
//   caredesk_chat_load [--rate 500] [--seconds 60] [--patients 2000] [--staff 100]
//                      [--client-threads 2] [--db-threads N] [--pgbench-clients 4]
//                      [--no-fsync]

#include "ChatLoadFleet.h"
#include "ChatLoadSystem.h"

#include <QCoreApplication>
#include <QThread>
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>

using caredesk::bench::ChatLoadParty;
using caredesk::bench::ChatLoadSystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    double rate = 500;
    int seconds = 60;
    int patients = 2000;
    int staff = 100;
    int clientThreads = 2;
    int dbThreads = 0; // 0: the server's default
    int pgbenchClients = 4;
    bool fsync = true;
};

double percentile(std::vector<double> &sorted, double p) {
    if (sorted.empty())
        return 0;
    const auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1));
    return sorted[index];
}

void waitFor(const std::function<bool()> &done, int timeoutMs) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    while (!done() && Clock::now() < deadline) {
        QCoreApplication::processEvents();
        QThread::msleep(20);
    }
}

int usage(const char *problem) {
    std::cerr << problem
              << "\nusage: caredesk_chat_load [--rate N] [--seconds N] [--patients N] "
                 "[--staff N] [--client-threads N] [--db-threads N] [--pgbench-clients N] "
                 "[--no-fsync]\n";
    return 2;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (flag == "--no-fsync") {
            options.fsync = false;
            continue;
        }
        if (i + 1 >= argc)
            return usage("missing value");
        const std::string value = argv[++i];
        if (flag == "--rate")
            options.rate = std::stod(value);
        else if (flag == "--seconds")
            options.seconds = std::stoi(value);
        else if (flag == "--patients")
            options.patients = std::stoi(value);
        else if (flag == "--staff")
            options.staff = std::stoi(value);
        else if (flag == "--client-threads")
            options.clientThreads = std::stoi(value);
        else if (flag == "--db-threads")
            options.dbThreads = std::stoi(value);
        else if (flag == "--pgbench-clients")
            options.pgbenchClients = std::stoi(value);
        else
            return usage(("unknown option " + flag).c_str());
    }
    if (options.patients < options.staff || options.staff < 1 || options.rate <= 0 ||
        options.seconds < 1 || options.clientThreads < 1)
        return usage("need at least one staff member, no more staff than patients, rate > 0");

    ChatLoadSystem system(options.fsync, options.dbThreads);
    std::cout << "starting PostgreSQL and caredesk-server..." << std::endl;
    system.start();
    const auto setupStart = Clock::now();
    const auto staffNames = system.addStaff(options.staff);
    const auto visits = system.addVisits(options.patients);
    std::cout
        << "created " << staffNames.size() << " staff and " << visits.size() << " visits in "
        << std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - setupStart).count()
        << " ms" << std::endl;

    // Half the messages from patients, half from staff; each staff member
    // follows and answers an equal share of the threads.
    const double perPatient = options.rate / 2 / options.patients;
    const double perStaff = options.rate / 2 / options.staff;
    std::vector<ChatLoadParty> parties;
    for (const auto &visit : visits)
        parties.push_back({true, visit.token, {}, {}, {visit.id}, perPatient});
    for (int s = 0; s < options.staff; ++s) {
        ChatLoadParty member{
            false, {},      staffNames[static_cast<std::size_t>(s)], ChatLoadSystem::kStaffPassword,
            {},    perStaff};
        for (std::size_t v = static_cast<std::size_t>(s); v < visits.size();
             v += static_cast<std::size_t>(options.staff))
            member.visits.push_back(visits[v].id);
        parties.push_back(std::move(member));
    }
    const int total = static_cast<int>(parties.size());

    caredesk::bench::ChatLoadFleet fleet(system.wsUrl(), std::move(parties), options.clientThreads);
    const auto connectStart = Clock::now();
    fleet.connectAll();
    waitFor([&] { return fleet.readyCount() + fleet.failedCount() >= total; }, 300000);
    const auto connectMs =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - connectStart).count();
    std::cout << fleet.readyCount() << " of " << total << " connections ready ("
              << fleet.failedCount() << " failed) in " << connectMs << " ms" << std::endl;
    if (fleet.readyCount() < total)
        return 1;

    const auto before = system.sample();
    const auto sendStart = Clock::now();
    fleet.startSending(sendStart + std::chrono::seconds(options.seconds));
    waitFor([] { return false; }, options.seconds * 1000);
    const auto sendEnd = Clock::now();
    // Acks and pushes of the last messages still on their way.
    waitFor([&] { return fleet.outstandingAcks() == 0; }, 10000);
    QThread::msleep(1000);
    const auto after = system.sample();
    auto results = fleet.finish();
    const double elapsed = std::chrono::duration<double>(sendEnd - sendStart).count();

    std::sort(results.latencyMs.begin(), results.latencyMs.end());
    auto &l = results.latencyMs;
    std::printf("\nchat load: %d patients, %d staff (%d threads each), target %.0f msg/s for %d "
                "s, %d client threads, fsync %s\n",
                options.patients, options.staff, options.patients / options.staff, options.rate,
                options.seconds, options.clientThreads, options.fsync ? "on" : "off");
    std::printf("sent %lld (%.1f msg/s), acked %lld, acks missing %lld, throttled %lld, "
                "refused %lld, disconnects %lld\n",
                static_cast<long long>(results.sent), static_cast<double>(results.sent) / elapsed,
                static_cast<long long>(results.acked),
                static_cast<long long>(results.sent - results.acked),
                static_cast<long long>(results.throttled), static_cast<long long>(results.refused),
                static_cast<long long>(results.disconnects));
    for (const auto &[code, count] : results.errors)
        std::printf("  error %s: %lld\n", code.c_str(), static_cast<long long>(count));
    std::printf("delivered to the other party %lld; latency ms p50 %.1f p95 %.1f p99 %.1f max "
                "%.1f\n",
                static_cast<long long>(results.delivered), percentile(l, 0.50), percentile(l, 0.95),
                percentile(l, 0.99), l.empty() ? 0.0 : l.back());
    const double window = after.wallSeconds - before.wallSeconds;
    const auto cpu = [&](double a, double b) {
        return 100.0 * (b - a) / window;
    };
    std::printf("CPU over the run (%% of one core): server %.0f%%, PostgreSQL %.0f%%, this "
                "client %.0f%%; server peak RSS %lld MiB\n",
                cpu(before.serverCpuSeconds, after.serverCpuSeconds),
                cpu(before.postgresCpuSeconds, after.postgresCpuSeconds),
                cpu(before.clientCpuSeconds, after.clientCpuSeconds),
                static_cast<long long>(after.serverPeakRssKiB / 1024));

    system.stopServer();
    const auto bench = system.runPgbench(options.seconds, options.pgbenchClients);
    std::printf("pgbench, same statements per message, %d clients, %d s: %.1f tps (server: "
                "%.1f msg/s)\n",
                options.pgbenchClients, options.seconds, bench,
                static_cast<double>(results.sent) / elapsed);
    return results.sent == results.acked ? 0 : 1;
}
