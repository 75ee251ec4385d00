#pragma once

#include "handlers/RouteTable.h"

#include <chrono>

namespace caredesk::server {

struct OnboardingOptions {
    std::chrono::seconds inviteValidity{72 * 3600};
    int licenseWarningDays = 30;
};

// Caregiver accounts, state licenses and bulk import (onboarding/). Admins do
// everything; a provider may list their own licenses.
class OnboardingHandler {
public:
    explicit OnboardingHandler(OnboardingOptions options);
    void registerRoutes(RouteTable &routes);

private:
    OnboardingOptions m_options;
};

} // namespace caredesk::server
