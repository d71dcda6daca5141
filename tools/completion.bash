# bash completion for sslcertlint (installed by `make install` as
# share/bash-completion/completions/sslcertlint; or source this file).
#
# The options and the values of --format, --fail-on and --color are
# listed here; tests/install.sh checks them against `sslcertlint --help`
# and the values the binary accepts.  The rule ids and names of --explain
# come from the binary being completed (`sslcertlint --list-rules`).
# Works without the bash-completion package.

_sslcertlint_options='--format --output --fail-on --now --color --max-input-size --config
--baseline --show-suppressed --quiet --sarif-automation-id --sarif-root --fleet --shard --jobs
--timings --dump-model --list-rules --explain --version --help'
_sslcertlint_formats='text json sarif github gitlab junit'
_sslcertlint_levels='error warning note none'
_sslcertlint_colors='auto always never'

_sslcertlint()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=
	local IFS=$' \t\n'
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# "--format=js": bash splits the word at '=' (COMP_WORDBREAKS)
	if [[ $cur == = ]]; then
		cur=
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ $cur == --*=* ]]; then
		prev=${cur%%=*}
		cur=${cur#*=}
	fi
	COMPREPLY=()

	case $prev in
	-f | --format)
		mapfile -t COMPREPLY < <(compgen -W "$_sslcertlint_formats" -- "$cur")
		return
		;;
	--fail-on)
		mapfile -t COMPREPLY < <(compgen -W "$_sslcertlint_levels" -- "$cur")
		return
		;;
	--color | --colour)
		mapfile -t COMPREPLY < <(compgen -W "$_sslcertlint_colors" -- "$cur")
		return
		;;
	--explain)
		local rules
		rules=$("${COMP_WORDS[0]}" --list-rules 2> /dev/null | awk '{ print $1; print $3 }')
		mapfile -t COMPREPLY < <(compgen -W "$rules" -- "$cur")
		return
		;;
	-o | --output | --config | --baseline)
		compopt -o filenames 2> /dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return
		;;
	--fleet | --sarif-root)
		compopt -o filenames 2> /dev/null
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		return
		;;
	--now | --max-input-size | -j | --jobs | --sarif-automation-id | --shard)
		return          # a value of the user's own
		;;
	esac

	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$_sslcertlint_options" -- "$cur")
		return
	fi
	# the snapshot: files and folders
	compopt -o filenames 2> /dev/null
	mapfile -t COMPREPLY < <(compgen -f -- "$cur")
}

complete -F _sslcertlint sslcertlint
