#include "SimulationRandom.h"

#include <cmath>
#include <numbers>

namespace caredesk::bench {

namespace {

// SplitMix64: spreads nearby (seed, stream) pairs into unrelated engine seeds.
std::uint64_t mixed(std::uint64_t value) {
    value += 0x9E3779B97F4A7C15ULL;
    value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ULL;
    value = (value ^ (value >> 27)) * 0x94D049BB133111EBULL;
    return value ^ (value >> 31);
}

} // namespace

SimulationRandom::SimulationRandom(std::uint64_t seed, std::uint64_t stream)
    : m_engine(mixed(mixed(seed) ^ stream)) {}

double SimulationRandom::uniform() {
    return static_cast<double>(m_engine() >> 11) * 0x1.0p-53;
}

double SimulationRandom::between(double low, double high) {
    return low + (high - low) * uniform();
}

double SimulationRandom::exponential(double mean) {
    return -mean * std::log1p(-uniform());
}

double SimulationRandom::standardNormal() {
    // Box-Muller; 1 - uniform() is in (0, 1], so the logarithm is finite.
    const double radius = std::sqrt(-2.0 * std::log(1.0 - uniform()));
    return radius * std::cos(2.0 * std::numbers::pi * uniform());
}

double SimulationRandom::lognormal(double mean, double variation) {
    const double sigma2 = std::log1p(variation * variation);
    const double mu = std::log(mean) - sigma2 / 2;
    return std::exp(mu + std::sqrt(sigma2) * standardNormal());
}

} // namespace caredesk::bench
