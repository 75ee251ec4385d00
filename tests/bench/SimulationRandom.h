#pragma once

#include <cstdint>
#include <random>

namespace caredesk::bench {

// Random numbers for the simulation that are the same on every platform for a
// given seed and stream: std::mt19937_64's sequence is fixed by the standard,
// but the standard distributions are not, so the few needed are written here.
// Each purpose (arrivals, visit lengths, provider habits...) draws from its own
// stream, so changing how one is drawn does not reshuffle the others.
class SimulationRandom {
public:
    SimulationRandom(std::uint64_t seed, std::uint64_t stream);

    double uniform(); // in [0, 1)
    double between(double low, double high);
    double exponential(double mean);
    double standardNormal();
    // A lognormal value with the given mean and coefficient of variation
    // (standard deviation over mean).
    double lognormal(double mean, double variation);

private:
    std::mt19937_64 m_engine;
};

} // namespace caredesk::bench
