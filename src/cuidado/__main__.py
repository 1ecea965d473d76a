from cuidado.cli import main

main()
