#include "app/cli/Commands.h"

int main(int argc, char **argv)
{
    return evflow::cli::run(argc, argv);
}
