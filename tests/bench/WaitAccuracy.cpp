#include "WaitAccuracy.h"

#include "domain/WaitEstimator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

namespace caredesk::bench {

namespace {

// An estimate and the wait it was about, in seconds.
struct Pair {
    double estimate = 0;
    double actual = 0;
};

// Nearest-rank percentile of sorted values.
double percentile(const std::vector<double> &sorted, double share) {
    if (sorted.empty())
        return 0;
    const auto rank =
        static_cast<std::size_t>(std::ceil(share * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

void summarise(AccuracyRow &row, const std::vector<Pair> &pairs) {
    row.compared = static_cast<int>(pairs.size());
    if (pairs.empty())
        return;
    std::vector<double> absolute;
    double waits = 0;
    double errors = 0;
    int longer = 0;
    for (const Pair &pair : pairs) {
        const double error = pair.estimate - pair.actual;
        absolute.push_back(std::abs(error));
        waits += pair.actual;
        errors += error;
        longer += pair.actual > pair.estimate ? 1 : 0;
    }
    std::sort(absolute.begin(), absolute.end());
    const auto count = static_cast<double>(pairs.size());
    row.meanWaitSeconds = waits / count;
    row.medianAbsoluteErrorSeconds = percentile(absolute, 0.5);
    row.p90AbsoluteErrorSeconds = percentile(absolute, 0.9);
    row.meanErrorSeconds = errors / count;
    row.waitedLongerShare = longer / count;
}

// Places in line reported separately: 1, 2-3, 4-6, 7-10, 11-20, 21 and more.
constexpr int kPositionBounds[] = {1, 3, 6, 10, 20};

std::string positionGroup(int position) {
    int low = 1;
    for (const int high : kPositionBounds) {
        if (position <= high)
            return low == high ? "place " + std::to_string(high)
                               : "places " + std::to_string(low) + "-" + std::to_string(high);
        low = high + 1;
    }
    return "places " + std::to_string(low) + "+";
}

std::string minutes(double seconds, bool signedValue = false) {
    char text[32];
    std::snprintf(text, sizeof text, signedValue ? "%+.1f min" : "%.1f min", seconds / 60);
    return text;
}

std::string percent(double share) {
    char text[16];
    std::snprintf(text, sizeof text, "%.0f %%", share * 100);
    return text;
}

} // namespace

WaitAccuracy::WaitAccuracy(const SyntheticDay &day, const SimulationOutcome &outcome) {
    const auto &patients = day.patients();
    // Rows and the pairs behind them, grouped by a key made from each arrival.
    const auto grouped = [&](const std::function<std::string(const ArrivalRecord &)> &keyOf,
                             const std::vector<std::string> &order) {
        std::vector<AccuracyRow> rows;
        std::vector<std::vector<Pair>> pairs;
        const auto rowFor = [&](const std::string &key) -> std::size_t {
            for (std::size_t i = 0; i < rows.size(); ++i)
                if (rows[i].group == key)
                    return i;
            rows.push_back(AccuracyRow{key});
            pairs.emplace_back();
            return rows.size() - 1;
        };
        for (const auto &key : order)
            rowFor(key);
        for (const ArrivalRecord &record : outcome.arrivals) {
            const std::size_t i = rowFor(keyOf(record));
            AccuracyRow &row = rows[i];
            ++row.patients;
            if (!record.estimate)
                ++row.withoutEstimate;
            if (record.leftAt)
                ++row.left;
            else if (!record.assignedAt)
                ++row.notSeen;
            if (record.estimate && record.assignedAt)
                pairs[i].push_back(
                    {static_cast<double>(record.estimate->count()),
                     static_cast<double>(
                         (*record.assignedAt - patients[record.patient].arrival).count())});
        }
        for (std::size_t i = 0; i < rows.size(); ++i)
            summarise(rows[i], pairs[i]);
        return rows;
    };

    m_overall =
        grouped([](const ArrivalRecord &) { return std::string("all states"); }, {}).front();
    std::vector<std::string> states;
    for (const auto &state : day.states())
        states.push_back(state.code);
    m_byState = grouped([&](const ArrivalRecord &record) { return patients[record.patient].state; },
                        states);
    std::vector<std::string> positions;
    for (const int bound : kPositionBounds)
        positions.push_back(positionGroup(bound));
    positions.push_back(positionGroup(kPositionBounds[std::size(kPositionBounds) - 1] + 1));
    m_byPosition = grouped(
        [](const ArrivalRecord &record) { return positionGroup(record.position); }, positions);
    std::erase_if(m_byPosition, [](const AccuracyRow &row) { return row.patients == 0; });

    const auto told = grouped(
        [](const ArrivalRecord &record) {
            return record.estimate && *record.estimate <= domain::WaitEstimator::kShortestWait
                       ? std::string("told 1 min (provider free)")
                       : std::string("told longer");
        },
        {"told 1 min (provider free)"});
    m_toldShortest = told.front();

    m_whileWaiting.group = "while waiting";
    std::vector<Pair> later;
    for (const WaitingSample &sample : outcome.waitingSamples) {
        const ArrivalRecord &record = outcome.arrivals[sample.arrival];
        if (!record.assignedAt)
            continue;
        later.push_back({static_cast<double>(sample.estimate.count()),
                         static_cast<double>((*record.assignedAt - sample.at).count())});
    }
    summarise(m_whileWaiting, later);
    m_whileWaiting.patients = static_cast<int>(outcome.waitingSamples.size());
}

std::string WaitAccuracy::table() const {
    std::string out = "| group | patients | compared | mean wait | median abs. error | "
                      "p90 abs. error | mean error (bias) | waited longer than told |\n"
                      "|---|---:|---:|---:|---:|---:|---:|---:|\n";
    const auto line = [&out](const AccuracyRow &row) {
        out += "| " + row.group + " | " + std::to_string(row.patients) + " | " +
               std::to_string(row.compared) + " | " + minutes(row.meanWaitSeconds) + " | " +
               minutes(row.medianAbsoluteErrorSeconds) + " | " +
               minutes(row.p90AbsoluteErrorSeconds) + " | " + minutes(row.meanErrorSeconds, true) +
               " | " + percent(row.waitedLongerShare) + " |\n";
    };
    line(m_overall);
    for (const auto &row : m_byState)
        line(row);
    for (const auto &row : m_byPosition)
        line(row);
    line(m_toldShortest);
    line(m_whileWaiting);
    return out;
}

} // namespace caredesk::bench
