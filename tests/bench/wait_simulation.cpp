// Measures how close CareDesk's wait estimates come to the waits that follow:
// replays a synthetic day through the real scheduler on a private PostgreSQL
// and prints the error table kept in docs/performance.md.
//
//   caredesk_wait_simulation [--seed N] [--from HH:MM] [--until HH:MM] [--demand F]
//
// --from/--until (UTC) limit when patients arrive; by default the whole day.
// --demand F brings F times the arrivals the roster was planned for (default 1).

#include "TestCluster.h"
#include "WaitAccuracy.h"
#include "WaitSimulation.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>

using namespace caredesk::bench;

namespace {

std::optional<DayTime> clockTime(const std::string &text) {
    int hours = 0;
    int minutes = 0;
    char extra = 0;
    if (std::sscanf(text.c_str(), "%d:%d%c", &hours, &minutes, &extra) != 2 || hours < 0 ||
        hours > 47 || minutes < 0 || minutes > 59)
        return std::nullopt;
    return std::chrono::hours(hours) + std::chrono::minutes(minutes);
}

int usage() {
    std::fprintf(stderr, "usage: caredesk_wait_simulation [--seed N] [--from HH:MM] "
                         "[--until HH:MM] [--demand F]\n");
    return 2;
}

std::string clock(DayTime at) {
    char text[16];
    std::snprintf(text, sizeof text, "%02d:%02d",
                  static_cast<int>(std::chrono::floor<std::chrono::hours>(at).count() % 24),
                  static_cast<int>(std::chrono::floor<std::chrono::minutes>(at).count() % 60));
    return text;
}

} // namespace

int main(int argc, char **argv) {
    DayOptions options;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (i + 1 >= argc)
            return usage();
        const std::string value = argv[++i];
        if (flag == "--seed") {
            char *end = nullptr;
            options.seed = std::strtoull(value.c_str(), &end, 10);
            if (value.empty() || *end != '\0')
                return usage();
        } else if (flag == "--demand") {
            char *end = nullptr;
            options.demandFactor = std::strtod(value.c_str(), &end);
            if (value.empty() || *end != '\0' || !(options.demandFactor > 0))
                return usage();
        } else if (flag == "--from" || flag == "--until") {
            const auto at = clockTime(value);
            if (!at)
                return usage();
            (flag == "--from" ? options.arrivalsFrom : options.arrivalsUntil) = *at;
        } else {
            return usage();
        }
    }

    try {
        const SyntheticDay day(options);
        std::printf("Synthetic day, seed %llu, demand x%.2f: %zu patients, %zu providers\n",
                    static_cast<unsigned long long>(options.seed), options.demandFactor,
                    day.patients().size(), day.providers().size());
        for (const auto &state : day.states()) {
            int providers = 0;
            for (const auto &provider : day.providers())
                for (const auto &code : provider.states)
                    providers += code == state.code ? 1 : 0;
            std::printf("  %s: open %s-%s UTC, up to %.0f arrivals/h, visits %.0f min on "
                        "average, %d providers licensed\n",
                        state.code.c_str(), clock(day.opensAt(state)).c_str(),
                        clock(day.closesAt(state)).c_str(), state.peakArrivalsPerHour,
                        state.meanVisitMinutes, providers);
        }

        const std::string database = caredesk::test::TestCluster::instance().createDatabase();
        const SimulationOutcome outcome = WaitSimulation(day, database).run();
        const WaitAccuracy accuracy(day, outcome);
        const AccuracyRow &all = accuracy.overall();

        std::printf("\nReplayed in %.1f s: %d take-next calls (%d found nobody), %d left the "
                    "queue, %d without an estimate (no provider), %d not seen\n",
                    static_cast<double>(outcome.elapsed.count()) / 1000.0, outcome.claims,
                    outcome.emptyClaims, all.left, all.withoutEstimate, all.notSeen);
        double busySeconds = 0;
        double dutySeconds = 0;
        for (const auto &record : outcome.arrivals)
            if (record.assignedAt)
                busySeconds += static_cast<double>((day.patients()[record.patient].joinDelay +
                                                    day.patients()[record.patient].visitLength)
                                                       .count());
        // Duty within the hours patients arrived in, so that a partial day reads right.
        for (const auto &provider : day.providers())
            for (const auto &period : provider.duty)
                dutySeconds += static_cast<double>(
                    std::max<std::int64_t>(0, (std::min(period.to, options.arrivalsUntil) -
                                               std::max(period.from, options.arrivalsFrom))
                                                  .count()));
        std::printf("Providers were with patients %.0f %% of their time on duty\n",
                    100 * busySeconds / dutySeconds);
        std::printf("Integrity: %d assignments recorded, %d visits assigned twice, %d outside "
                    "a license, %d disagreeing with the database\n\n",
                    outcome.assignmentEvents, outcome.visitsAssignedTwice,
                    outcome.assignmentsOutsideLicense, outcome.assignmentMismatches);
        std::printf("%s", accuracy.table().c_str());
        std::printf("\n(\"while waiting\" counts estimates shown to patients already in line, "
                    "sampled at each arrival, against the wait still ahead.)\n");
        const bool sound = outcome.visitsAssignedTwice == 0 &&
                           outcome.assignmentsOutsideLicense == 0 &&
                           outcome.assignmentMismatches == 0;
        return sound ? 0 : 1;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "caredesk_wait_simulation: %s\n", e.what());
        return 1;
    }
}
