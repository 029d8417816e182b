# Warnings for evflow's own targets; applied per target so system headers stay quiet.
function(evflow_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                             -Wold-style-cast -Wcast-align -Woverloaded-virtual)
endfunction()
