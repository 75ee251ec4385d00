# Warnings for code we own. Third-party headers come in as SYSTEM includes, so
# whatever remains is ours to fix, not to silence.
function(caredesk_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                                             -Wnon-virtual-dtor -Wold-style-cast
                                             -Wcast-align -Woverloaded-virtual)
endfunction()
