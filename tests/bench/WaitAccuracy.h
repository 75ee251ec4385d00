#pragma once

#include "SyntheticDay.h"
#include "WaitSimulation.h"

#include <string>
#include <vector>

namespace caredesk::bench {

// How far estimates were from the waits that followed, for one group of patients.
// Errors are estimate minus actual wait: negative means the patient waited
// longer than they were told (optimistic).
struct AccuracyRow {
    std::string group;
    int patients = 0;        // arrivals in the group
    int compared = 0;        // shown an estimate and then seen: the rows below are over these
    int withoutEstimate = 0; // no provider for the state on arrival
    int left = 0;            // cancelled before being seen
    int notSeen = 0;         // still waiting when the day ended
    double meanWaitSeconds = 0;
    double medianAbsoluteErrorSeconds = 0;
    double p90AbsoluteErrorSeconds = 0;
    double meanErrorSeconds = 0;  // the bias
    double waitedLongerShare = 0; // share of `compared` whose wait exceeded the estimate
};

// The accuracy of a simulated day's estimates: on arrival (what the intake
// reply tells the patient) per state, per place in line and overall, and of the
// estimates shown to patients already waiting.
class WaitAccuracy {
public:
    WaitAccuracy(const SyntheticDay &day, const SimulationOutcome &outcome);

    const AccuracyRow &overall() const { return m_overall; }
    const std::vector<AccuracyRow> &byState() const { return m_byState; }
    const std::vector<AccuracyRow> &byPosition() const { return m_byPosition; }
    // Patients told the shortest wait there is (WaitEstimator::kShortestWait):
    // a provider was free, or about to be.
    const AccuracyRow &toldShortest() const { return m_toldShortest; }
    // Estimates shown while waiting, against the wait still ahead at that moment.
    const AccuracyRow &whileWaiting() const { return m_whileWaiting; }

    // The rows as a Markdown table (minutes, one decimal).
    std::string table() const;

private:
    AccuracyRow m_overall;
    std::vector<AccuracyRow> m_byState;
    std::vector<AccuracyRow> m_byPosition;
    AccuracyRow m_toldShortest;
    AccuracyRow m_whileWaiting;
};

} // namespace caredesk::bench
